// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Timed runs of the contended sample apps and their fixed twins in a child JVM per variant; prints the median
 * steady rate of each ({@code steady=}, the run's second half, past JIT warm-up and the agent's start-up; the
 * whole-run {@code throughput=} for an app that prints no steady rate) and its ratio to the no-agent runs. Variants take turns, a different one first
 * in each round, so that drift in the machine's speed is shared out.
 */
final class SampleAppsOverhead {

    /**
     * Main classes in {@code sample-apps.jar}: the first two problems next to their fixes, then the other contended
     * apps alone (their twins would add a third to the run's length and measure little: the agent has less to do
     * in a fixed app).
     */
    static final List<String> APPS = List.of(
            "contention.samples.lrucache.LruCacheApp",
            "contention.samples.lrucache.LruCacheFixedApp",
            "contention.samples.ledger.LedgerApp",
            "contention.samples.ledger.LedgerFixedApp",
            "contention.samples.sessions.SessionApp",
            "contention.samples.trace.TraceApp",
            "contention.samples.audit.AuditApp",
            "contention.samples.latency.LatencyStatsApp",
            "contention.samples.idgen.OrderIdApp",
            "contention.samples.resize.ResizeApp");

    /**
     * For {@code --only falsesharing}: the write-heavy false-sharing sample, and apps that share nothing on a line
     * (normal apps: a cache of lookups on a ConcurrentHashMap, transfers under striped locks).
     */
    static final List<String> FALSE_SHARING_APPS = List.of(
            "contention.samples.stats.RequestStatsApp",
            "contention.samples.lrucache.LruCacheFixedApp",
            "contention.samples.ledger.LedgerFixedApp");

    /** What every sample app prints once, e.g. {@code ... throughput=32023/s steady=33102/s ...}. */
    private static final Pattern THROUGHPUT = Pattern.compile("throughput=(\\d+(?:\\.\\d+)?)/s");

    /** The rate over the run's second half, which most apps print beside the whole run's. */
    static final Pattern STEADY = Pattern.compile("steady=(\\d+(?:\\.\\d+)?)/s");

    /** The apps whose simple class name matches {@code include}, e.g. {@code ^LedgerApp$}. */
    static List<String> select(Pattern include) {
        return select(APPS, include);
    }

    /** The apps of {@code apps} whose simple class name matches {@code include}. */
    static List<String> select(List<String> apps, Pattern include) {
        return apps.stream().filter(a -> include.matcher(simpleName(a)).find()).toList();
    }

    private final List<String> apps;
    private final Path sampleAppsJar;
    private final String duration;
    private final int threads;
    private final int runs;
    private final List<Variant> variants;
    private final Path scratch;
    private final PrintStream out;

    SampleAppsOverhead(List<String> apps, Path sampleAppsJar, String duration, int threads, int runs, List<Variant> variants,
            Path scratch, PrintStream out) {
        this.apps = apps;
        this.sampleAppsJar = sampleAppsJar;
        this.duration = duration;
        this.threads = threads;
        this.runs = runs;
        this.variants = variants;
        this.scratch = scratch;
        this.out = out;
    }

    /** Throughput per app and variant, in operations per second, one value per run. */
    Map<String, Map<Variant, List<Double>>> run() throws BenchException {
        Map<String, Map<Variant, List<Double>>> results = new LinkedHashMap<>();
        for (String app : apps) {
            Map<Variant, List<Double>> perVariant = new LinkedHashMap<>();
            variants.forEach(v -> perVariant.put(v, new ArrayList<>()));
            results.put(app, perVariant);
        }
        int total = runs * apps.size() * variants.size();
        int done = 0;
        for (int round = 0; round < runs; round++) {
            for (String app : apps) {
                for (int i = 0; i < variants.size(); i++) {
                    Variant variant = variants.get((i + round) % variants.size());
                    Path log = scratch.resolve(String.format(Locale.ROOT, "app-%02d.log", ++done));
                    double throughput = runOnce(app, variant, log);
                    results.get(app).get(variant).add(throughput);
                    out.printf(Locale.ROOT, "  [%2d/%d] %-18s %-20s %,12.0f /s%n",
                            done, total, simpleName(app), variant.label(), throughput);
                }
            }
        }
        return results;
    }

    private double runOnce(String app, Variant variant, Path log) throws BenchException {
        List<String> command = new ArrayList<>();
        command.add(ChildProcess.java());
        command.addAll(variant.jvmArgs());
        command.addAll(List.of("-cp", sampleAppsJar.toString(), app, duration, Integer.toString(threads)));
        ChildProcess.run(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()),
                ChildProcess.seconds(duration) + ChildProcess.GRACE_SECONDS,
                simpleName(app) + " with " + variant.label(), log);
        String output;
        try {
            output = Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BenchException("cannot read " + log + ": " + e.getMessage(), e);
        }
        Matcher steady = STEADY.matcher(output);
        if (steady.find()) {
            return Double.parseDouble(steady.group(1));
        }
        Matcher m = THROUGHPUT.matcher(output);
        if (!m.find()) {
            throw new BenchException(simpleName(app) + " with " + variant.label() + " printed no throughput=; see "
                    + log);
        }
        return Double.parseDouble(m.group(1));
    }

    /**
     * Median throughput per variant (with the spread of its runs) and its ratio to the first variant's median, as
     * a Markdown table.
     */
    static void print(Map<String, Map<Variant, List<Double>>> results, List<Variant> variants, PrintStream out) {
        List<String> header = new ArrayList<>(List.of("sample app", variants.get(0).label() + " /s"));
        for (Variant v : variants.subList(1, variants.size())) {
            header.addAll(List.of(v.label() + " /s", "ratio"));
        }
        List<List<String>> cells = new ArrayList<>();
        results.forEach((app, perVariant) -> {
            double base = Stats.median(perVariant.get(variants.get(0)));
            List<String> line = new ArrayList<>(List.of(simpleName(app), withSpread(perVariant.get(variants.get(0)))));
            for (Variant v : variants.subList(1, variants.size())) {
                double median = Stats.median(perVariant.get(v));
                line.add(withSpread(perVariant.get(v)));
                line.add(String.format(Locale.ROOT, "%.3f", median / base));
            }
            cells.add(line);
        });
        MarkdownTable.print(header, cells, out);
    }

    /** The median, and half the range of the runs as a share of it: {@code 87,786 ±12%}. */
    private static String withSpread(List<Double> runs) {
        double median = Stats.median(runs);
        if (runs.size() < 2) {
            return String.format(Locale.ROOT, "%,.0f", median);
        }
        double halfRange = (Collections.max(runs) - Collections.min(runs)) / 2;
        return String.format(Locale.ROOT, "%,.0f ±%.0f%%", median, 100 * halfRange / median);
    }

    static String simpleName(String mainClass) {
        return mainClass.substring(mainClass.lastIndexOf('.') + 1);
    }
}
