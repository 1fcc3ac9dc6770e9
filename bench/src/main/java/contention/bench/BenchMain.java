// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Measures what the contention agent costs, next to async-profiler's lock mode, in one invocation: the JMH lock
 * benchmarks, then timed runs of the contended sample apps, each against a no-agent baseline from the same run.
 * Prints ratios; it judges nothing and fails only when a run cannot be measured. With {@code --only calibration}
 * it checks the analyzer's global-lock verdict against the calibration app instead ({@link GlobalLockCalibration}).
 */
public final class BenchMain {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_WRONG_ARGUMENTS = 2;

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args, repoRoot());
        } catch (BenchOptions.UsageException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println(BenchOptions.USAGE);
            return EXIT_WRONG_ARGUMENTS;
        }
        if (options.help) {
            out.println(BenchOptions.USAGE);
            return EXIT_OK;
        }
        Pattern include;
        try {
            include = Pattern.compile(options.include);
        } catch (PatternSyntaxException e) {
            System.err.println("bench: --include is not a regular expression: " + e.getDescription());
            return EXIT_WRONG_ARGUMENTS;
        }
        List<String> benchmarks = options.runJmh ? JmhOverhead.select(include) : List.of();
        List<String> apps = !options.runApps ? List.<String>of()
                : options.runFalseSharing ? SampleAppsOverhead.select(SampleAppsOverhead.FALSE_SHARING_APPS, include)
                : SampleAppsOverhead.select(include);
        List<GlobalLockCalibration.Config> calibration = options.runCalibration
                ? GlobalLockCalibration.select(include, options.quick) : List.of();
        if (benchmarks.isEmpty() && apps.isEmpty() && calibration.isEmpty()) {
            System.err.println("bench: nothing matches --include '" + options.include + "'; benchmarks: "
                    + String.join(", ", JmhOverhead.BENCHMARKS) + "; sample apps: "
                    + String.join(", ", SampleAppsOverhead.APPS)
                    + "; calibration configurations read like 'f=0.95 fair 8 threads'");
            return EXIT_WRONG_ARGUMENTS;
        }
        options.runJmh = !benchmarks.isEmpty();
        options.runApps = !apps.isEmpty();
        options.runCalibration = !calibration.isEmpty();
        String missing = missingInput(options);
        if (missing != null) {
            System.err.println("bench: " + missing);
            return EXIT_WRONG_ARGUMENTS;
        }

        Path scratch;
        try {
            scratch = Files.createTempDirectory("contention-bench-");
        } catch (IOException e) {
            System.err.println("bench: cannot create a scratch directory: " + e.getMessage());
            return EXIT_FAILED;
        }
        // Others rebuild these jars while a run goes on; every fork of this run gets the same bytes.
        Path agentJar = scratch.resolve("contention.jar");
        Path sampleAppsJar = scratch.resolve("sample-apps.jar");
        Path analyzerJar = scratch.resolve("contention-analyzer.jar");
        try {
            Files.copy(options.agentJar, agentJar, StandardCopyOption.COPY_ATTRIBUTES);
            if (options.runApps || options.runCalibration) {
                Files.copy(options.sampleAppsJar, sampleAppsJar, StandardCopyOption.COPY_ATTRIBUTES);
            }
            if (options.runCalibration) {
                Files.copy(options.analyzerJar, analyzerJar, StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            System.err.println("bench: cannot copy the jars under test to " + scratch + ": " + e.getMessage());
            return EXIT_FAILED;
        }
        List<Variant> variants = new ArrayList<>();
        if (options.runFalseSharing) {
            // The detector's cost: the agent without it is the second baseline.
            variants.add(Variant.baseline());
            variants.add(Variant.contentionAgent(agentJar, "false-sharing=off", scratch));
            // The detector is off unless asked for: both of its columns turn it on.
            String on = options.agentOptions.isEmpty() ? "false-sharing=on" : options.agentOptions + ",false-sharing=on";
            variants.add(Variant.contentionAgent(agentJar, on, scratch));
            variants.add(Variant.contentionAgent(agentJar, on + ",false-sharing-rate=100", scratch));
        } else if (options.runJmh || options.runApps) {
            variants.add(Variant.baseline());
            variants.add(Variant.contentionAgent(agentJar, options.agentOptions, scratch));
            if (Files.isRegularFile(options.asyncProfilerLibrary) && isLinuxX64()) {
                variants.add(Variant.asyncProfilerLock(options.asyncProfilerLibrary, scratch));
            } else {
                out.println("bench: no async-profiler column: " + options.asyncProfilerLibrary
                        + (isLinuxX64() ? " is missing (mvn -B -q package -DskipTests in bench/ unpacks it)"
                                : " is for linux-x64 only"));
            }
        }

        out.println("# contention bench, " + (options.quick ? "quick" : "full") + " mode");
        out.println(machine());
        out.println("agent: " + options.agentJar + " (built " + modified(agentJar) + ")");
        if (options.runCalibration) {
            out.println("analyzer: " + options.analyzerJar + " (built " + modified(analyzerJar) + ")");
            out.println("sample apps: " + options.sampleAppsJar + " (built " + modified(sampleAppsJar) + ")");
        }
        out.println();
        if (options.runCalibration) {
            return calibrate(options, calibration, agentJar, analyzerJar, sampleAppsJar, scratch, out);
        }
        try {
            List<JmhOverhead.Row> jmhRows = List.of();
            if (options.runJmh) {
                out.println("JMH benchmarks (one fork per line; JMH's own output is in " + scratch
                        + ", deleted after a clean run):");
                jmhRows = new JmhOverhead(options.quick, variants, scratch, out).run(benchmarks);
                out.println();
            }
            Map<String, Map<Variant, List<Double>>> appResults = Map.of();
            if (options.runApps) {
                out.printf(Locale.ROOT, "Sample apps (%s, %d threads, %d run(s) per variant):%n",
                        options.sampleAppDuration(), options.threads, options.sampleAppRuns());
                appResults = new SampleAppsOverhead(apps, sampleAppsJar, options.sampleAppDuration(),
                        options.threads, options.sampleAppRuns(), variants, scratch, out).run();
                out.println();
            }
            if (!jmhRows.isEmpty()) {
                out.println("## Lock benchmarks (ns/op, mean of measurement iterations ± sd; goal: uncontended "
                        + "+Δ ≤ 10 ns)");
                out.println();
                JmhOverhead.print(jmhRows, variants, out);
                out.println();
            }
            if (!appResults.isEmpty()) {
                out.println(options.runFalseSharing
                        ? "## False-sharing detector (throughput, median of runs; goals: default rate ≤ 5% on a normal"
                                + " app, 100% ≤ 2x on the write-heavy sample)"
                        : "## Sample apps (throughput, median of runs; goal: contended apps ≥ 0.97 of no agent)");
                out.println();
                SampleAppsOverhead.print(appResults, variants, out);
                out.println();
            }
        } catch (BenchException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println("bench: logs and recordings kept in " + scratch);
            return EXIT_FAILED;
        }
        deleteRecursively(scratch);
        return EXIT_OK;
    }

    /** The global-lock calibration: progress, then the table and its counts; fails if any configuration did. */
    private static int calibrate(BenchOptions options, List<GlobalLockCalibration.Config> configs, Path agentJar,
            Path analyzerJar, Path sampleAppsJar, Path scratch, PrintStream out) {
        out.printf(Locale.ROOT, "Global-lock calibration (%s runs; per configuration one run with the agent, then"
                        + " %d plain run(s) each of app and twin, taking turns):%n",
                options.calibrationDuration(), options.calibrationRuns());
        List<GlobalLockCalibration.Row> rows;
        try {
            rows = new GlobalLockCalibration(configs, agentJar, options.agentOptions, analyzerJar, sampleAppsJar,
                    options.calibrationDuration(), options.calibrationRuns(), scratch, out).run();
        } catch (BenchException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.println("bench: logs and recordings kept in " + scratch);
            return EXIT_FAILED;
        }
        out.println();
        out.println("## Global-lock calibration (verdict and predicted speedup with the agent; measured speedup = "
                + "twin / app, median steady rates without it)");
        out.println();
        GlobalLockCalibration.print(rows, out);
        out.println();
        if (rows.stream().anyMatch(r -> r.failure() != null)) {
            System.err.println("bench: some configurations failed; logs and recordings kept in " + scratch);
            return EXIT_FAILED;
        }
        deleteRecursively(scratch);
        return EXIT_OK;
    }

    /** The first input the chosen parts need that is not there, as a message; {@code null} if all are. */
    private static String missingInput(BenchOptions options) {
        if (!Files.isRegularFile(options.agentJar)) {
            return "agent jar " + options.agentJar + " not found; build it with mvn -B -q install -DskipTests"
                    + " at the repository root, or pass --agent PATH";
        }
        if (options.runCalibration && !Files.isRegularFile(options.analyzerJar)) {
            return "analyzer jar " + options.analyzerJar + " not found; build it with mvn -B -q install -DskipTests"
                    + " at the repository root, or pass --analyzer PATH";
        }
        if ((options.runApps || options.runCalibration) && !Files.isRegularFile(options.sampleAppsJar)) {
            return "sample apps jar " + options.sampleAppsJar + " not found; build it with mvn -B -q install"
                    + " -DskipTests at the repository root, or pass --sample-apps PATH";
        }
        return null;
    }

    /** One line a reader of the tables needs: when, which JVM, which machine. */
    private static String machine() {
        return String.format(Locale.ROOT, "%s, JDK %s (%s), %d CPUs, %s %s",
                OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.arch"));
    }

    /** When a jar was built, so that a table can be traced to the agent it measured. */
    private static String modified(Path jar) {
        try {
            return OffsetDateTime.ofInstant(Files.getLastModifiedTime(jar).toInstant(), ZoneOffset.UTC)
                    .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        } catch (IOException e) {
            return "at an unknown time";
        }
    }

    private static boolean isLinuxX64() {
        String arch = System.getProperty("os.arch");
        return System.getProperty("os.name").startsWith("Linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    /**
     * The repository this runner was built in: {@code benchmarks.jar} sits in {@code <repo>/bench/target}. Falls
     * back to the working directory when run from elsewhere (then pass the paths as options).
     */
    static Path repoRoot() {
        try {
            Path jar = Paths.get(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path bench = jar.getParent() == null ? null : jar.getParent().getParent();
            if (bench != null && bench.getFileName() != null && bench.getFileName().toString().equals("bench")
                    && bench.getParent() != null) {
                return bench.getParent();
            }
        } catch (URISyntaxException | SecurityException e) {
            // fall back below
        }
        return Paths.get("").toAbsolutePath();
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // scratch files in the temp directory; leaving them is harmless
        }
    }

    private BenchMain() {}
}
