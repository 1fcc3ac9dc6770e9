// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The {@code -javaagent:contention.jar=key=value,...} options as typed fields. Parsing never fails: an unknown
 * key or a bad value becomes one entry in {@link #problems()} and the default stays, so the app always runs.
 */
public final class AgentOptions {

    /** Every key, in the order the usage line lists them. */
    static final List<String> KEYS =
            List.of("file", "monitor-threshold", "park-threshold", "sample-period", "locks", "lock-wait-threshold",
                    "include", "exclude", "global-lock-warning", "false-sharing", "false-sharing-rate", "duration");

    /** Where the agent's global-lock warnings go ({@code global-lock-warning}). */
    public enum WarningOutput {
        /** Printed on stderr, like the agent's other lines (the default). */
        STDERR,
        /** Not printed; the recording still gets their {@code contention.GlobalLockWarning} events. */
        OFF,
        /** Appended to {@link #globalLockWarningFile()}. */
        FILE
    }

    // Threshold 0 sees every monitor entry that reaches the slow path; a fully serialized pool produced ~700
    // events in 3 s (jvm-facts.md, LruCacheApp), so the recording stays small.
    static final Duration DEFAULT_MONITOR_THRESHOLD = Duration.ZERO;
    // jdk.ThreadPark at 0 floods busy apps with idle-worker parks (jvm-facts.md); 1 ms keeps the parks that
    // hurt. The same threshold applies to jdk.JavaMonitorWait, jdk.ThreadSleep and jdk.VirtualThreadPinned.
    static final Duration DEFAULT_PARK_THRESHOLD = Duration.ofMillis(1);
    // JFR's own default for jdk.ExecutionSample.
    static final Duration DEFAULT_SAMPLE_PERIOD = Duration.ofMillis(20);

    // Share of the time, in percent, that the false-sharing hooks note accesses: one 20 ms window in 20. Measured
    // cost at this rate: docs/false-sharing.md.
    static final int DEFAULT_FALSE_SHARING_RATE = 5;

    // Waits at least this long each get a contention.LockWait event with a stack; shorter ones are sampled.
    static final Duration DEFAULT_LOCK_WAIT_THRESHOLD = Duration.ofMillis(1);

    private Path file;
    private Duration duration; // null: until the JVM exits
    private boolean locks = true;
    private Duration lockWaitThreshold = DEFAULT_LOCK_WAIT_THRESHOLD;
    private Duration monitorThreshold = DEFAULT_MONITOR_THRESHOLD;
    private Duration parkThreshold = DEFAULT_PARK_THRESHOLD;
    private Duration samplePeriod = DEFAULT_SAMPLE_PERIOD;
    private WarningOutput globalLockWarning = WarningOutput.STDERR;
    private boolean falseSharing; // off by default: docs/false-sharing.md, "Overhead"
    private int falseSharingRate = DEFAULT_FALSE_SHARING_RATE;
    private Path globalLockWarningFile; // set when globalLockWarning is FILE
    private final List<String> include = new ArrayList<>();
    private final List<String> exclude = new ArrayList<>();
    private final String text;
    private final List<String> problems = new ArrayList<>();

    private AgentOptions(String text) {
        this.text = text == null ? "" : text;
    }

    /** Parses the agent argument string; {@code null} or empty means all defaults. */
    public static AgentOptions parse(String text) {
        AgentOptions options = new AgentOptions(text);
        for (String item : options.text.split(",")) {
            if (!item.isBlank()) {
                options.apply(item.trim());
            }
        }
        if (options.file == null) {
            options.file = defaultFile();
        }
        return options;
    }

    private void apply(String item) {
        int eq = item.indexOf('=');
        String key = eq < 0 ? item : item.substring(0, eq).trim();
        String value = eq < 0 ? "" : item.substring(eq + 1).trim();
        if (!KEYS.contains(key)) {
            problems.add("unknown option '" + key + "' (known: " + String.join(", ", KEYS) + "); ignored");
            return;
        }
        if (value.isEmpty()) {
            problems.add("option '" + key + "' needs a value, e.g. " + example(key) + "; ignored");
            return;
        }
        switch (key) {
            case "file":
                file = parseFile(value);
                break;
            case "monitor-threshold":
                monitorThreshold = parseDuration(key, value, monitorThreshold);
                break;
            case "duration":
                Duration length = parseDuration(value);
                if (length == null) {
                    problems.add("bad value for duration: '" + value + "' (expected a duration such as 30s);"
                            + " recording until the JVM exits");
                } else if (length.isZero()) {
                    problems.add("duration must be above 0; recording until the JVM exits");
                } else {
                    duration = length;
                }
                break;
            case "park-threshold":
                parkThreshold = parseDuration(key, value, parkThreshold);
                break;
            case "sample-period":
                Duration period = parseDuration(key, value, samplePeriod);
                if (period.isZero()) {
                    problems.add("sample-period must be above 0; using " + format(samplePeriod));
                } else {
                    samplePeriod = period;
                }
                break;
            case "locks":
                if ("true".equals(value) || "false".equals(value)) {
                    locks = Boolean.parseBoolean(value);
                } else {
                    problems.add("bad value for locks: '" + value + "' (expected true or false); using " + locks);
                }
                break;
            case "lock-wait-threshold":
                lockWaitThreshold = parseDuration(key, value, lockWaitThreshold);
                break;
            case "include":
                addPrefixes(key, value, include);
                break;
            case "exclude":
                addPrefixes(key, value, exclude);
                break;
            case "global-lock-warning":
                parseGlobalLockWarning(value);
                break;
            case "false-sharing":
                if ("on".equals(value) || "off".equals(value)) {
                    falseSharing = "on".equals(value);
                } else {
                    problems.add("bad value for false-sharing: '" + value + "' (expected on or off); using "
                            + (falseSharing ? "on" : "off"));
                }
                break;
            case "false-sharing-rate":
                parseFalseSharingRate(value);
                break;
            default:
                throw new AssertionError(key);
        }
    }

    // Options are separated by commas, so one value lists several prefixes with ';' (or the key is repeated).
    private void addPrefixes(String key, String value, List<String> into) {
        for (String prefix : value.split(";")) {
            String p = prefix.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (!p.chars().allMatch(c -> Character.isJavaIdentifierPart(c) || c == '.' || c == '$')) {
                problems.add("bad " + key + " prefix '" + p + "' (expected a package or class name such as "
                        + example(key) + "); ignored");
            } else {
                into.add(p);
            }
        }
    }

    private void parseGlobalLockWarning(String value) {
        if ("stderr".equals(value) || "off".equals(value)) {
            globalLockWarning = "off".equals(value) ? WarningOutput.OFF : WarningOutput.STDERR;
            globalLockWarningFile = null;
            return;
        }
        // A bare word is a misspelt stderr or off, or a switch (false, none), far more often than a file name:
        // a file is named with a '.' or a '/' (warnings.log, ./warnings).
        if (value.indexOf('.') < 0 && value.indexOf('/') < 0) {
            problems.add("bad value for global-lock-warning: '" + value + "' (expected "
                    + example("global-lock-warning") + "); using " + globalLockWarningText());
            return;
        }
        Path path;
        try {
            path = Paths.get(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            problems.add("bad global-lock-warning file '" + value + "' (" + e.getReason() + "); using "
                    + globalLockWarningText());
            return;
        }
        if (Files.isDirectory(path)) {
            problems.add("global-lock-warning file '" + value + "' is a directory; using " + globalLockWarningText());
            return;
        }
        Path parent = path.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            problems.add("directory of global-lock-warning file '" + value + "' does not exist; using "
                    + globalLockWarningText());
            return;
        }
        // Whether it can be written is found out at the first warning, which then goes to stderr.
        globalLockWarning = WarningOutput.FILE;
        globalLockWarningFile = path;
    }

    private String globalLockWarningText() {
        return globalLockWarning == WarningOutput.FILE ? globalLockWarningFile.toString()
                : globalLockWarning.name().toLowerCase(Locale.ROOT);
    }

    private Path parseFile(String value) {
        Path path;
        try {
            path = Paths.get(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            problems.add("bad file '" + value + "' (" + e.getReason() + "); recording to the default file instead");
            return null;
        }
        if (Files.isDirectory(path)) {
            problems.add("file '" + value + "' is a directory; recording to the default file instead");
            return null;
        }
        Path parent = path.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            problems.add("directory of file '" + value + "' does not exist; recording to the default file instead");
            return null;
        }
        if (parent != null && !Files.isWritable(parent)) {
            problems.add("directory of file '" + value + "' is not writable; recording to the default file instead");
            return null;
        }
        return path;
    }

    private Duration parseDuration(String key, String value, Duration fallback) {
        Duration parsed = parseDuration(value);
        if (parsed == null) {
            problems.add("bad value for " + key + ": '" + value + "' (expected a duration such as "
                    + example(key) + "); using " + format(fallback));
            return fallback;
        }
        return parsed;
    }

    /** Reads {@code 0}, {@code 250us}, {@code 5ms}, {@code 2s} (also {@code ns}); {@code null} if malformed. */
    static Duration parseDuration(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        String[] units = {"ns", "us", "ms", "s"};
        long[] nanosPerUnit = {1L, 1_000L, 1_000_000L, 1_000_000_000L};
        for (int i = 0; i < units.length; i++) {
            if (v.endsWith(units[i])) {
                Long amount = parseNonNegative(v.substring(0, v.length() - units[i].length()));
                return amount == null || amount > Long.MAX_VALUE / nanosPerUnit[i]
                        ? null : Duration.ofNanos(amount * nanosPerUnit[i]);
            }
        }
        return "0".equals(v) ? Duration.ZERO : null;
    }

    private static Long parseNonNegative(String digits) {
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 18) {
            return null;
        }
        return Long.parseLong(digits);
    }

    /** Formats a duration as the options take it, e.g. {@code 20ms}. */
    static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos % 1_000_000_000L == 0 && nanos != 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        if (nanos % 1_000L == 0) {
            return nanos / 1_000L + "us";
        }
        return nanos + "ns";
    }

    private static String example(String key) {
        switch (key) {
            case "file":
                return "file=app.jfr";
            case "sample-period":
                return "20ms";
            case "duration":
                return "30s";
            case "locks":
                return "true or false";
            case "include":
            case "exclude":
                return "com.acme.;org.example.Cache";
            case "global-lock-warning":
                return "stderr, off or a file to append to such as warnings.log";
            case "false-sharing":
                return "on or off";
            case "false-sharing-rate":
                return "5 (percent of the time; 100 samples all the time)";
            default:
                return "0ms, 500us or 5ms";
        }
    }

    private static Path defaultFile() {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        return Paths.get("contention-" + ProcessHandle.current().pid() + "-" + stamp + ".jfr").toAbsolutePath();
    }

    /** Where the recording is written when the JVM exits. */
    public Path file() {
        return file;
    }

    /** Threshold of {@code jdk.JavaMonitorEnter}. */
    public Duration monitorThreshold() {
        return monitorThreshold;
    }

    /** Threshold of {@code jdk.ThreadPark}, {@code jdk.JavaMonitorWait}, {@code jdk.ThreadSleep} and {@code jdk.VirtualThreadPinned}. */
    public Duration parkThreshold() {
        return parkThreshold;
    }

    /** Period of {@code jdk.ExecutionSample}. */
    public Duration samplePeriod() {
        return samplePeriod;
    }

    /** Whether lock classes are instrumented (wait, hold and allocation site per lock instance). */
    public boolean locks() {
        return locks;
    }

    /** Waits at least this long get a {@code contention.LockWait} event each; shorter ones are sampled. */
    /** How long to record ({@code duration}): the file is written then, or at exit if that comes first; null: at exit. */
    public Duration duration() {
        return duration;
    }

    public Duration lockWaitThreshold() {
        return lockWaitThreshold;
    }

    /**
     * Class-name prefixes whose {@code synchronized} code is instrumented; empty means every class outside the
     * JDK and the agent.
     */
    public List<String> include() {
        return Collections.unmodifiableList(include);
    }

    /** Class-name prefixes whose {@code synchronized} code is left alone, even when {@link #include()}d. */
    public List<String> exclude() {
        return Collections.unmodifiableList(exclude);
    }

    /** Where the agent's global-lock warnings go: stderr (the default), nowhere, or a file. */
    public WarningOutput globalLockWarning() {
        return globalLockWarning;
    }

    /** The file global-lock warnings are appended to when {@link #globalLockWarning()} is {@code FILE}, else null. */
    public Path globalLockWarningFile() {
        return globalLockWarningFile;
    }

    /** One human-readable sentence per unknown key or bad value; empty when the options were clean. */
    /** Whether field and array writes are sampled for false sharing ({@code false-sharing=on|off}). */
    public boolean falseSharing() {
        return falseSharing;
    }

    /** Percent of the time the false-sharing hooks sample, 1 to 100 ({@code false-sharing-rate}). */
    public int falseSharingRate() {
        return falseSharingRate;
    }

    private void parseFalseSharingRate(String value) {
        String number = value.endsWith("%") ? value.substring(0, value.length() - 1) : value;
        try {
            int rate = Integer.parseInt(number.trim());
            if (rate >= 1 && rate <= 100) {
                falseSharingRate = rate;
                return;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("bad value for false-sharing-rate: '" + value + "' (expected a percent from 1 to 100, e.g. 5"
                + " or 100); using " + falseSharingRate);
    }

    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }

    /** The options as given, for the recording's {@code contention.AgentInfo} event. */
    public String text() {
        return text;
    }
}
