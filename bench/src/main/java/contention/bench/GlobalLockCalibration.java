// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import contention.analyzer.detect.LockPhase;
import contention.analyzer.detect.LockPhases;
import contention.analyzer.model.LockWindow;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The analyzer's global-lock verdict and predicted speedup against ground truth. The calibration app runs a share f
 * of every operation under one lock; its twin does the same work with no lock. For each f, lock kind and thread
 * count: one run with the agent, whose recording the analyzer reports on as JSON (the verdicts on the app's lock,
 * and the figures behind the prediction), then plain runs of app and twin taking turns, whose steady rates give the
 * measured speedup. Prints one Markdown row per configuration and how often verdict and prediction were right;
 * judges nothing else. Definitions, thresholds and a measured run: docs/global-lock.md.
 */
final class GlobalLockCalibration {

    static final String APP = "contention.samples.calibration.SerialFractionApp";
    static final String TWIN = "contention.samples.calibration.SerialFractionFixedApp";

    static final List<Double> SERIAL_FRACTIONS = List.of(0.05, 0.5, 0.95);
    static final List<String> LOCK_KINDS = List.of("synchronized", "unfair", "fair");
    static final List<Integer> THREADS = List.of(2, 4, 8);
    static final List<Integer> QUICK_THREADS = List.of(2, 8);

    /** The f whose runs should all be global locks; every other f should get none. */
    static final double SERIALIZED_FRACTION = 0.95;

    /** A prediction this close to the measured speedup, as a share of it, counts as right. */
    static final double CLOSE = 0.30;

    // Windows the analyzer does not judge on their own (the recording's cut ends), in the JSON's milliseconds.
    private static final double MIN_WINDOW_MS = LockPhases.MIN_WINDOW_NANOS / 1e6;

    // The lock under test, in whatever the report names it by: its class (a monitor), field or allocation site.
    private static final String LOCK_MARKER = "SharedAccumulator";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One point of the grid; its label is what {@code --include} matches, e.g. {@code f=0.95 fair 8 threads}. */
    record Config(double serialFraction, String lock, int threads) {
        String label() {
            return String.format(Locale.ROOT, "f=%.2f %s %d threads", serialFraction, lock, threads);
        }

        List<String> appArgs(String duration) {
            return List.of(String.format(Locale.ROOT, "%.2f", serialFraction), lock, duration,
                    Integer.toString(threads));
        }
    }

    /**
     * The figures behind a prediction, 0..1 shares except parallelism and speedup; NaN where unknown.
     *
     * @param source {@code phase}: the global-lock finding's, over its phase; {@code run}: computed here from the
     *     lock's timeline as the analyzer's LockPhase.of would, over all its windows of at least 500 ms; {@code -}:
     *     none
     * @param pressureOfSerialized pressure / ((n - 1) / n), 1 when only the holder ever runs
     * @param estimated whether the serial fraction is the time-based U / parallelism (fewer than 20 execution
     *     samples) rather than the share of samples taken inside the lock
     */
    record Figures(String source, double utilization, double pressure, double parallelism, double serialFraction,
            double speedup, double pressureOfSerialized, boolean estimated) {
        static Figures none(double utilization) {
            return new Figures("-", utilization, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, false);
        }
    }

    /**
     * One configuration's outcome; {@code failure} is null when every run of it worked.
     *
     * @param figures behind the prediction: the global-lock phase's if there is one, else {@code wholeRun}
     * @param wholeRun the lock over all its windows of at least 500 ms, whatever the verdict
     * @param windows each of those windows' own serial fraction and pressure of serialized, the figures LockPhases
     *     judges a window by ({@link #windowFigures})
     * @param mismatch null, or how the global-lock finding's figures differ from this class's over its phase
     */
    record Row(Config config, String verdict, Figures figures, Figures wholeRun, List<String> windows,
            List<Double> appRates, List<Double> twinRates, String mismatch, String failure) {
        double measuredSpeedup() {
            return Stats.median(twinRates) / Stats.median(appRates);
        }

        boolean globalLock() {
            return verdict.contains("global-lock");
        }

        boolean predicted() {
            return failure == null && !Double.isNaN(figures.speedup()) && measuredSpeedup() > 0;
        }

        boolean close() {
            return predicted() && Math.abs(error()) <= CLOSE;
        }

        double error() {
            return (figures.speedup() - measuredSpeedup()) / measuredSpeedup();
        }
    }

    /** The grid, f outermost, then lock kind, then threads; only configurations whose label matches. */
    static List<Config> select(Pattern include, boolean quick) {
        List<Config> configs = new ArrayList<>();
        for (double f : SERIAL_FRACTIONS) {
            for (String lock : LOCK_KINDS) {
                for (int threads : quick ? QUICK_THREADS : THREADS) {
                    Config config = new Config(f, lock, threads);
                    if (include.matcher(config.label()).find()) {
                        configs.add(config);
                    }
                }
            }
        }
        return configs;
    }

    private final List<Config> configs;
    private final Path agentJar;
    private final String agentOptions;
    private final Path analyzerJar;
    private final Path sampleAppsJar;
    private final String duration;
    private final int runs;
    private final Path scratch;
    private final PrintStream out;

    GlobalLockCalibration(List<Config> configs, Path agentJar, String agentOptions, Path analyzerJar,
            Path sampleAppsJar, String duration, int runs, Path scratch, PrintStream out) {
        this.configs = configs;
        this.agentJar = agentJar;
        this.agentOptions = agentOptions;
        this.analyzerJar = analyzerJar;
        this.sampleAppsJar = sampleAppsJar;
        this.duration = duration;
        this.runs = runs;
        this.scratch = scratch;
        this.out = out;
    }

    /**
     * Every configuration in turn, one progress line each. A configuration that fails is a row with its failure,
     * and the next one runs; an interrupt ends the whole run.
     */
    List<Row> run() throws BenchException {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            Config config = configs.get(i);
            String prefix = String.format(Locale.ROOT, "  [%2d/%d] %-30s", i + 1, configs.size(), config.label());
            Row row;
            try {
                row = measure(config, String.format(Locale.ROOT, "calibration-%02d", i + 1));
            } catch (BenchException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                row = new Row(config, "failed", Figures.none(Double.NaN), Figures.none(Double.NaN), List.of(),
                        List.of(), List.of(), null, e.getMessage());
                out.println(prefix + " failed: " + e.getMessage());
                rows.add(row);
                continue;
            }
            rows.add(row);
            out.printf(Locale.ROOT, "%s %s; predicted %s (%s); app %s /s, twin %s /s: measured %.2fx;"
                            + " windows %s%n", prefix, row.verdict(), speedup(row.figures().speedup()),
                    row.figures().source(), rates(row.appRates()), rates(row.twinRates()), row.measuredSpeedup(),
                    String.join(" ", row.windows()));
            if (row.mismatch() != null) {
                out.println("         " + row.mismatch());
            }
        }
        return rows;
    }

    private Row measure(Config config, String name) throws BenchException {
        Path recording = scratch.resolve(name + ".jfr");
        List<String> agent = List.of("-javaagent:" + agentJar + "=file=" + recording
                + (agentOptions.isEmpty() ? "" : "," + agentOptions));
        runApp(APP, agent, config, scratch.resolve(name + "-agent.log"), config.label() + " with the agent");
        JsonNode report = analyze(recording, scratch.resolve(name + ".json"), scratch.resolve(name + "-analyzer.log"));

        List<Double> appRates = new ArrayList<>();
        List<Double> twinRates = new ArrayList<>();
        for (int round = 0; round < runs; round++) {
            // App first in even rounds, twin first in odd ones: drift in the machine's speed lands on both.
            for (int turn = 0; turn < 2; turn++) {
                boolean app = (turn + round) % 2 == 0;
                String main = app ? APP : TWIN;
                Path log = scratch.resolve(String.format(Locale.ROOT, "%s-%s-%d.log", name, app ? "app" : "twin",
                        round + 1));
                double rate = runApp(main, List.of(), config, log,
                        SampleAppsOverhead.simpleName(main) + " " + String.join(" ", config.appArgs(duration)));
                (app ? appRates : twinRates).add(rate);
            }
        }
        Verdict verdict = verdict(report);
        return new Row(config, verdict.kinds(), verdict.figures(), verdict.wholeRun(), verdict.windows(), appRates,
                twinRates, verdict.mismatch(), null);
    }

    /** Runs one calibration app to its end and returns its steady rate. */
    private double runApp(String main, List<String> jvmArgs, Config config, Path log, String what)
            throws BenchException {
        List<String> command = new ArrayList<>();
        command.add(ChildProcess.java());
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", sampleAppsJar.toString(), main));
        command.addAll(config.appArgs(duration));
        ChildProcess.run(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()),
                ChildProcess.seconds(duration) + ChildProcess.GRACE_SECONDS, what, log);
        Matcher steady = SampleAppsOverhead.STEADY.matcher(read(log));
        if (!steady.find()) {
            throw new BenchException(what + " printed no steady=; see " + log);
        }
        return Double.parseDouble(steady.group(1));
    }

    /** {@code contention-analyzer.jar report FILE --format json}, as bin/contention runs it. */
    private JsonNode analyze(Path recording, Path json, Path log) throws BenchException {
        List<String> command = List.of(ChildProcess.java(), "-jar", analyzerJar.toString(), "report",
                recording.toString(), "--format", "json");
        ChildProcess.run(new ProcessBuilder(command).redirectOutput(json.toFile()).redirectError(log.toFile()),
                ChildProcess.GRACE_SECONDS, "the analyzer on " + recording.getFileName(), log);
        try {
            return JSON.readTree(json.toFile());
        } catch (IOException e) {
            throw new BenchException("the analyzer's report " + json + " is not JSON: " + e.getMessage(), e);
        }
    }

    private record Verdict(String kinds, Figures figures, Figures wholeRun, List<String> windows, String mismatch) {}

    /**
     * The findings on the app's lock and the figures behind the prediction: the global-lock finding's, else the
     * lock's whole run computed as the analyzer's LockPhase.of would.
     */
    static Verdict verdict(JsonNode report) {
        JsonNode lock = null;
        for (JsonNode candidate : report.path("locks")) {
            if (mentionsLockUnderTest(candidate)) {
                lock = candidate;
                break;
            }
        }
        String lockId = lock == null ? null : lock.path("id").asText(null);
        if (lockId == null) {
            for (JsonNode finding : report.path("findings")) {
                if (finding.path("kind").asText().equals("global-lock")) {
                    lockId = finding.path("lock").path("id").asText(null);
                    break;
                }
            }
        }
        List<String> kinds = new ArrayList<>();
        JsonNode global = null;
        for (JsonNode finding : report.path("findings")) {
            if (lockId != null && lockId.equals(finding.path("lock").path("id").asText(null))) {
                kinds.add(finding.path("kind").asText());
                if (finding.path("kind").asText().equals("global-lock")) {
                    global = finding;
                }
            }
        }
        String verdict = kinds.isEmpty() ? "none" : String.join("+", kinds);
        Figures wholeRun = lock == null ? Figures.none(Double.NaN)
                : wholeRun(lock, report.path("recording").path("cpus").asInt(0));
        List<String> windows = lock == null ? List.of() : windowFigures(lock);
        if (global != null) {
            JsonNode m = global.path("metrics");
            double threads = number(m, "threads");
            double pressure = number(m, "criticalSectionPressure");
            Figures replicated = phase(lock, global.path("phase"), report.path("recording").path("cpus").asInt(0));
            Figures figures = new Figures("phase", number(m, "utilization"), pressure,
                    number(m, "effectiveParallelism"), number(m, "serialFraction"), number(m, "estimatedSpeedup"),
                    threads < 2 ? 0 : Math.min(1.0, pressure * threads / (threads - 1)), replicated.estimated());
            return new Verdict(verdict, figures, wholeRun, windows, differs(figures, replicated));
        }
        return new Verdict(verdict, wholeRun, wholeRun, windows, null);
    }

    // The finding's figures and this class's over the same windows, if they differ beyond the JSON's rounding.
    private static String differs(Figures finding, Figures replicated) {
        if (Math.abs(finding.speedup() - replicated.speedup()) <= 0.02
                && Math.abs(finding.serialFraction() - replicated.serialFraction()) <= 0.02) {
            return null;
        }
        return String.format(Locale.ROOT, "replication differs: the finding's serial fraction %.3f, speedup %.3f;"
                        + " computed here over its phase's windows %.3f, %.3f", finding.serialFraction(),
                finding.speedup(), replicated.serialFraction(), replicated.speedup());
    }

    /**
     * Each whole window's own figures, those LockPhases.serializes judges it by: {@code serial fraction/pressure of
     * serialized}, the serial fraction marked {@code *} when it is the time-based estimate (LockPhases may then
     * defer to the phase's pooled samples); {@code -} for a window in which fewer than two threads waited (never
     * serializing).
     */
    static List<String> windowFigures(JsonNode lock) {
        List<String> cells = new ArrayList<>();
        for (JsonNode window : wholeWindows(lock)) {
            Figures one = of(List.of(window), 0, "window");
            cells.add(window.path("threads").asInt() < 2 ? "-" : String.format(Locale.ROOT, "%.2f%s/%.2f",
                    one.serialFraction(), one.estimated() ? "*" : "", one.pressureOfSerialized()));
        }
        return cells;
    }

    private static boolean mentionsLockUnderTest(JsonNode lock) {
        for (String field : List.of("class", "field", "allocationSite")) {
            if (lock.path(field).asText("").contains(LOCK_MARKER)) {
                return true;
            }
        }
        return false;
    }

    /** LockPhase.of over the lock's windows of at least 500 ms. */
    static Figures wholeRun(JsonNode lock, int cpus) {
        List<JsonNode> windows = wholeWindows(lock);
        return windows.isEmpty() ? Figures.none(number(lock, "utilization")) : of(windows, cpus, "run");
    }

    /** LockPhase.of over the whole windows that a finding's {@code phase} {startMs, durationMs} covers. */
    static Figures phase(JsonNode lock, JsonNode phase, int cpus) {
        double start = phase.path("startMs").asDouble();
        double end = start + phase.path("durationMs").asDouble();
        List<JsonNode> windows = new ArrayList<>();
        for (JsonNode window : lock == null ? List.<JsonNode>of() : wholeWindows(lock)) {
            double at = window.path("startMs").asDouble();
            if (at > start - 0.5 && at < end - 0.5) { // the JSON's milliseconds are rounded
                windows.add(window);
            }
        }
        return windows.isEmpty() ? Figures.none(Double.NaN) : of(windows, cpus, "phase");
    }

    private static List<JsonNode> wholeWindows(JsonNode lock) {
        List<JsonNode> windows = new ArrayList<>();
        for (JsonNode window : lock.path("timeline")) {
            if (window.has("holdTimeMs") && window.path("durationMs").asDouble() >= MIN_WINDOW_MS) {
                windows.add(window);
            }
        }
        return windows;
    }

    /**
     * The analyzer's own figures ({@link LockPhase#of}) over windows of the report's JSON timeline: the same
     * definitions for a lock without a global-lock verdict as for one with, and a check that the JSON carries
     * what the verdict was made from.
     */
    private static Figures of(List<JsonNode> windows, int cpus, String source) {
        List<LockWindow> model = new ArrayList<>();
        for (JsonNode window : windows) {
            model.add(new LockWindow(nanos(window, "startMs"), nanos(window, "durationMs"), nanos(window, "waitTimeMs"),
                    window.has("holdTimeMs") ? nanos(window, "holdTimeMs") : LockWindow.UNKNOWN,
                    window.path("threads").asInt(), window.path("samples").asLong(0),
                    window.path("samplesInside").asLong(0)));
        }
        LockPhase phase = LockPhase.of(model, cpus);
        return new Figures(source, phase.utilization(), phase.pressure(), phase.parallelism(), phase.serialFraction(),
                phase.speedup(), phase.pressureOfSerialized(), !phase.sampled());
    }

    private static long nanos(JsonNode node, String millisField) {
        return Math.round(node.path(millisField).asDouble() * 1e6);
    }

    private static double number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.asDouble() : Double.NaN;
    }

    /** The table, then the failures, then the counts the calibration is for. */
    static void print(List<Row> rows, PrintStream out) {
        List<String> header = List.of("f", "lock", "threads", "verdict", "figures", "utilization", "pressure",
                "of serialized", "parallelism", "serial fraction", "predicted", "app /s", "twin /s", "measured",
                "error", "windows: serial fraction/of serialized");
        List<List<String>> cells = new ArrayList<>();
        for (Row row : rows) {
            Config c = row.config();
            Figures f = row.figures();
            boolean measured = row.failure() == null;
            cells.add(List.of(String.format(Locale.ROOT, "%.2f", c.serialFraction()), c.lock(),
                    Integer.toString(c.threads()), row.verdict(), f.source(), percent(f.utilization()),
                    percent(f.pressure()), decimal(f.pressureOfSerialized()), decimal(f.parallelism()),
                    decimal(f.serialFraction()) + (f.estimated() ? "*" : ""), speedup(f.speedup()), measured ? String.format(Locale.ROOT, "%,.0f", Stats.median(row.appRates()))
                            : "-",
                    measured ? String.format(Locale.ROOT, "%,.0f", Stats.median(row.twinRates())) : "-",
                    measured ? speedup(row.measuredSpeedup()) : "-",
                    row.predicted() ? String.format(Locale.ROOT, "%+d%%", Math.round(100 * row.error())) : "-",
                    row.windows().isEmpty() ? "-" : String.join(" ", row.windows())));
        }
        MarkdownTable.print(header, cells, Set.of(1, 3, 4, 15), out); // lock, verdict, figures, windows
        out.println();
        out.println("* the time-based serial fraction U / parallelism: fewer than 20 execution samples.");
        for (Row row : rows) {
            if (row.failure() != null) {
                out.println("failed: " + row.config().label() + ": " + row.failure());
            }
            if (row.mismatch() != null) {
                out.println(row.config().label() + ": " + row.mismatch());
            }
        }
        out.printf(Locale.ROOT, "Global-lock verdicts (expected: every run at f=%.2f, none below):%n",
                SERIALIZED_FRACTION);
        for (double f : SERIAL_FRACTIONS) {
            List<Row> atF = rows.stream()
                    .filter(r -> r.config().serialFraction() == f && r.failure() == null)
                    .toList();
            if (!atF.isEmpty()) {
                out.printf(Locale.ROOT, "- f=%.2f: %d of %d%n", f, atF.stream().filter(Row::globalLock).count(),
                        atF.size());
            }
        }
        List<Row> global = rows.stream().filter(r -> r.globalLock() && r.predicted()).toList();
        List<Row> predicted = rows.stream().filter(Row::predicted).toList();
        out.printf(Locale.ROOT, "Predicted speedup within ±%.0f%% of measured:%n", 100 * CLOSE);
        out.printf(Locale.ROOT, "- rows with a global-lock verdict: %d of %d%s%n",
                global.stream().filter(Row::close).count(), global.size(), labels(global));
        out.printf(Locale.ROOT, "- all rows with a prediction (phase or run figures): %d of %d%n",
                predicted.stream().filter(Row::close).count(), predicted.size());
    }

    // The global-lock rows that missed, so the summary says which without reading the table again.
    private static String labels(List<Row> rows) {
        String missed = rows.stream().filter(r -> !r.close()).map(r -> r.config().label())
                .collect(Collectors.joining("; "));
        return missed.isEmpty() ? "" : " (off: " + missed + ")";
    }

    private static String read(Path log) throws BenchException {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BenchException("cannot read " + log + ": " + e.getMessage(), e);
        }
    }

    private static String rates(List<Double> rates) {
        return rates.stream().map(r -> String.format(Locale.ROOT, "%,.0f", r)).collect(Collectors.joining(" "));
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }

    private static String decimal(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String speedup(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2fx", value);
    }
}
