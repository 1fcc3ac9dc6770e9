// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs each JMH benchmark in a fresh fork per variant and prints ns/op side by side with the difference and the
 * ratio to the no-agent fork. Variants take turns within a benchmark (a different one first in each round), so
 * that a noisy minute on this shared 2-vCPU machine lands on all of them rather than on one.
 */
final class JmhOverhead {

    /** Every benchmark the runner measures, in the order the table lists them: the budgeted paths first. */
    static final List<String> BENCHMARKS = List.of(
            "UncontendedLockBench.noLock",
            "UncontendedLockBench.reentrantLockUnfair",
            "UncontendedLockBench.reentrantLockFair",
            "UncontendedLockBench.synchronizedBlock",
            "LockConstructionBench.newReentrantLock",
            "ContendedLockBench.reentrantLock",
            "ContendedLockBench.synchronizedBlock",
            "ExecutorTaskBench.submitGet",
            "ExecutorTaskBench.executeBatch",
            "ExecutorTaskBench.submitThenDrain");

    /**
     * The same fixed, pre-touched heap for every fork. With the default heap, LockConstructionBench ran at 140
     * ns/op for two iterations (first touch of freshly committed heap pages) and then at 3 ns/op, in one fork.
     */
    static final List<String> FORK_JVM_ARGS = List.of("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch");

    private final int rounds;
    private final int warmupIterations;
    private final TimeValue warmupTime;
    private final int measurementIterations;
    private final TimeValue measurementTime;
    private final List<Variant> variants;
    private final Path scratch;
    private final PrintStream out;

    JmhOverhead(boolean quick, List<Variant> variants, Path scratch, PrintStream out) {
        // Full: ~9 s a fork with start-up; 9 benchmarks x 3 variants x 2 rounds is about 8 minutes.
        // Quick: ~4 s a fork, one round: about 2 minutes.
        this.rounds = quick ? 1 : 2;
        this.warmupIterations = quick ? 2 : 3;
        this.warmupTime = quick ? TimeValue.milliseconds(500) : TimeValue.seconds(1);
        this.measurementIterations = quick ? 3 : 4;
        this.measurementTime = quick ? TimeValue.milliseconds(500) : TimeValue.seconds(1);
        this.variants = variants;
        this.scratch = scratch;
        this.out = out;
    }

    /** The benchmarks whose {@code Class.method} matches {@code include}. */
    static List<String> select(Pattern include) {
        return BENCHMARKS.stream().filter(b -> include.matcher(b).find()).toList();
    }

    /** Runs the {@code selected} benchmarks; returns the table rows. */
    List<Row> run(List<String> selected) throws BenchException {
        int total = selected.size() * rounds * variants.size();
        int done = 0;
        List<Row> rows = new ArrayList<>();
        for (String benchmark : selected) {
            Map<Variant, List<Double>> scores = new LinkedHashMap<>();
            variants.forEach(v -> scores.put(v, new ArrayList<>()));
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < variants.size(); i++) {
                    Variant variant = variants.get((i + round) % variants.size());
                    Path log = scratch.resolve(String.format(Locale.ROOT, "jmh-%02d.log", ++done));
                    List<Double> fork = runFork(benchmark, variant, log);
                    scores.get(variant).addAll(fork);
                    out.printf(Locale.ROOT, "  [%2d/%d] %-42s %-20s %9.2f ns/op%n",
                            done, total, benchmark, variant.label(), Stats.mean(fork));
                }
            }
            rows.add(new Row(benchmark, scores));
        }
        return rows;
    }

    /** One fork of one benchmark: the score of each measurement iteration, in ns/op. */
    private List<Double> runFork(String benchmark, Variant variant, Path log) throws BenchException {
        Options options = new OptionsBuilder()
                .include("^" + Pattern.quote(JmhOverhead.class.getPackageName() + "." + benchmark) + "$")
                .forks(1)
                .warmupIterations(warmupIterations)
                .warmupTime(warmupTime)
                .measurementIterations(measurementIterations)
                .measurementTime(measurementTime)
                .jvmArgs(FORK_JVM_ARGS.toArray(new String[0])) // not the runner's own options
                .jvmArgsAppend(variant.jvmArgs().toArray(new String[0]))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.NORMAL)
                .output(log.toString()) // JMH's own report goes to the log; the console gets one line a fork
                .build();
        RunResult result;
        try {
            result = new Runner(options).runSingle();
        } catch (RunnerException e) {
            throw new BenchException(benchmark + " with " + variant.label() + " failed; see " + log, e);
        }
        List<Double> iterations = new ArrayList<>();
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
            for (IterationResult iteration : fork.getIterationResults()) {
                iterations.add(iteration.getPrimaryResult().getScore());
            }
        }
        if (iterations.isEmpty()) {
            throw new BenchException(benchmark + " with " + variant.label() + " measured nothing; see " + log);
        }
        return iterations;
    }

    /** Measurement-iteration scores in ns/op of one benchmark, per variant; the first variant is the baseline. */
    record Row(String benchmark, Map<Variant, List<Double>> scores) {}

    /** The rows as a Markdown table: mean ns/op per variant, and each profiler's cost over the first variant. */
    static void print(List<Row> rows, List<Variant> variants, PrintStream out) {
        List<String> header = new ArrayList<>(List.of("benchmark", variants.get(0).label() + " ns/op"));
        for (Variant v : variants.subList(1, variants.size())) {
            header.addAll(List.of(v.label() + " ns/op", "+Δ ns", "ratio"));
        }
        List<List<String>> cells = new ArrayList<>();
        for (Row row : rows) {
            List<Double> base = row.scores().get(variants.get(0));
            double baseMean = Stats.mean(base);
            List<String> line = new ArrayList<>(List.of(row.benchmark(),
                    String.format(Locale.ROOT, "%.2f ± %.2f", baseMean, Stats.standardDeviation(base))));
            for (Variant v : variants.subList(1, variants.size())) {
                double mean = Stats.mean(row.scores().get(v));
                line.add(String.format(Locale.ROOT, "%.2f", mean));
                line.add(String.format(Locale.ROOT, "%+.2f", mean - baseMean));
                line.add(String.format(Locale.ROOT, "%.3f", mean / baseMean));
            }
            cells.add(line);
        }
        MarkdownTable.print(header, cells, out);
    }
}
