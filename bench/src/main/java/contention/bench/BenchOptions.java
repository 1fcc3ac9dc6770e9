// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.bench;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/** The runner's command line as plain fields, defaults where declared; the usage text explains each one. */
final class BenchOptions {

    static final String USAGE = String.join("\n",
            "usage: java -jar bench/target/benchmarks.jar [options]",
            "",
            "Runs the lock and executor benchmarks (JMH) and the contended sample apps three ways in one go:",
            "without an agent, with the contention agent and with async-profiler's lock mode, and prints each",
            "against the first. --only calibration instead checks the analyzer's global-lock verdict and its",
            "predicted speedup against the calibration app and its lock-free twin (docs/global-lock.md).",
            "",
            "Options:",
            "  --quick              short iterations, one fork and one sample-app run each (about 3 minutes);",
            "                       calibration: threads 2 and 8 only, one plain run each (about 3 minutes)",
            "  --only jmh|apps|calibration|falsesharing",
            "                       run only the JMH benchmarks, only the sample apps, or only the global-lock",
            "                       calibration (not part of the default run; about 14 minutes); falsesharing:",
            "                       the false-sharing detector's cost on a write-heavy sample and on a normal",
            "                       app, 2 threads, no agent against the agent with false-sharing=off, at its",
            "                       default rate and at 100% (not part of the default run; about 4 minutes)",
            "  --include REGEX      only JMH benchmarks (Class.method), sample apps (class name) and calibration",
            "                       configurations ('f=0.95 fair 8 threads') matching, e.g. Uncontended,",
            "                       ^LedgerApp$ or 'f=0.95 fair'",
            "  --runs N             sample-app runs per app and variant (default 3, quick 1); calibration: plain",
            "                       runs of app and twin per configuration (default 3, quick 1)",
            "  --duration D         sample-app run length, passed to the app (default 5s, quick 2s);",
            "                       calibration runs (default 4s, quick 3s)",
            "  --threads N          sample-app threads (default 8; calibration runs 2, 4 and 8)",
            "  --agent PATH         contention agent jar (default <repo>/agent/target/contention.jar)",
            "  --agent-options OPTS more agent options after file=..., e.g. locks=false",
            "  --async-profiler P   libasyncProfiler.so (default <repo>/bench/target/async-profiler/linux-x64/...)",
            "  --sample-apps PATH   sample apps jar (default <repo>/sample-apps/target/sample-apps.jar)",
            "  --analyzer PATH      analyzer jar, calibration only",
            "                       (default <repo>/analyzer-cli/target/contention-analyzer.jar)",
            "  -h, --help           this text",
            "",
            "Example usage:",
            "  mvn -B -q package -DskipTests && java -jar bench/target/benchmarks.jar --quick",
            "  java -jar bench/target/benchmarks.jar --only jmh --include Uncontended",
            "  java -jar bench/target/benchmarks.jar --only calibration --quick");

    boolean quick;
    boolean runJmh = true;
    boolean runApps = true;
    boolean runCalibration;
    boolean runFalseSharing;
    String include = ".*";
    Integer runs; // null: 3, or 1 with --quick
    String duration; // null: 5s, or 2s with --quick; calibration 4s, or 3s
    int threads = 8;
    Path agentJar;
    String agentOptions = ""; // appended to file=...; empty: the agent's defaults
    Path asyncProfilerLibrary;
    Path sampleAppsJar;
    Path analyzerJar;
    boolean help;

    /** Thrown for a command line the runner cannot follow; the message is one lower-case line. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static BenchOptions parse(String[] args, Path repoRoot) throws UsageException {
        BenchOptions options = new BenchOptions();
        Deque<String> rest = new ArrayDeque<>(Arrays.asList(args));
        while (!rest.isEmpty()) {
            String arg = rest.poll();
            switch (arg) {
                case "--quick":
                    options.quick = true;
                    break;
                case "--only":
                    String only = value(arg, rest).toLowerCase(Locale.ROOT);
                    if (!List.of("jmh", "apps", "calibration", "falsesharing").contains(only)) {
                        throw new UsageException("--only takes jmh, apps, calibration or falsesharing, not '" + only
                                + "'");
                    }
                    options.runJmh = only.equals("jmh");
                    options.runApps = only.equals("apps") || only.equals("falsesharing");
                    options.runCalibration = only.equals("calibration");
                    options.runFalseSharing = only.equals("falsesharing");
                    if (options.runFalseSharing) {
                        options.threads = 2; // RequestStatsApp takes 2 to 4 writers; 2 is one per CPU here
                    }
                    break;
                case "--include":
                    options.include = value(arg, rest);
                    break;
                case "--runs":
                    options.runs = positive(arg, value(arg, rest));
                    break;
                case "--duration":
                    options.duration = value(arg, rest);
                    break;
                case "--threads":
                    options.threads = positive(arg, value(arg, rest));
                    break;
                case "--agent":
                    options.agentJar = Paths.get(value(arg, rest)).toAbsolutePath();
                    break;
                case "--agent-options":
                    options.agentOptions = value(arg, rest);
                    break;
                case "--async-profiler":
                    options.asyncProfilerLibrary = Paths.get(value(arg, rest)).toAbsolutePath();
                    break;
                case "--sample-apps":
                    options.sampleAppsJar = Paths.get(value(arg, rest)).toAbsolutePath();
                    break;
                case "--analyzer":
                    options.analyzerJar = Paths.get(value(arg, rest)).toAbsolutePath();
                    break;
                case "-h":
                case "--help":
                    options.help = true;
                    break;
                default:
                    throw new UsageException("unknown option '" + arg + "'"
                            + (arg.startsWith("-") ? "" : " (options start with --)"));
            }
        }
        if (options.agentJar == null) {
            options.agentJar = repoRoot.resolve("agent/target/contention.jar");
        }
        if (options.asyncProfilerLibrary == null) {
            options.asyncProfilerLibrary =
                    repoRoot.resolve("bench/target/async-profiler/linux-x64/libasyncProfiler.so");
        }
        if (options.sampleAppsJar == null) {
            options.sampleAppsJar = repoRoot.resolve("sample-apps/target/sample-apps.jar");
        }
        if (options.analyzerJar == null) {
            options.analyzerJar = repoRoot.resolve("analyzer-cli/target/contention-analyzer.jar");
        }
        return options;
    }

    int sampleAppRuns() {
        return runs != null ? runs : quick ? 1 : 3;
    }

    String sampleAppDuration() {
        return duration != null ? duration : quick ? "2s" : "5s";
    }

    int calibrationRuns() {
        return runs != null ? runs : quick ? 1 : 3;
    }

    String calibrationDuration() {
        return duration != null ? duration : quick ? "3s" : "4s";
    }

    private static String value(String option, Deque<String> rest) throws UsageException {
        String value = rest.poll();
        if (value == null || value.startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return value;
    }

    private static int positive(String option, String value) throws UsageException {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new UsageException(option + " takes a whole number of at least 1, not '" + value + "'");
    }
}
