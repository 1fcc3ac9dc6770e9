// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.detect;

import static contention.analyzer.detect.Pools.percent;

import contention.analyzer.aggregate.Profile;
import contention.analyzer.model.CacheLine;
import contention.analyzer.model.CallSite;
import contention.analyzer.read.EventNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Two fields of one object, or two slots of one array, that different threads write within one cache line: each
 * write by one thread takes the line away from the other's core, so threads that share no data still wait for each
 * other, and no lock or flame graph shows it. The same member written by several threads is a shared variable (true
 * sharing), not this; the report lists it among the cache lines.
 *
 * <p>A worked example: two request threads increment {@code Stats.hits} and {@code Stats.misses}, 8 bytes apart.
 * While the agent sampled, 24 million accesses a second alternated between them on the line: at
 * {@link #LINE_TRANSFER_NANOS} a transfer that is 0.24 s of every second, about 12% of each of the two threads'
 * time, over {@link #MIN_COST_SHARE}.
 */
public final class FalseSharingDetector implements Detector {

    /** Bytes in a cache line on the machines the JVM runs on (x86-64, most arm64). */
    static final long LINE_BYTES = 64;

    // What an access costs when another core wrote the line last, for the estimate only. In tight loops the
    // transfers overlap: the samples here lost 4-7 ns an interleaved access against their padded twins (2 CPUs,
    // JDK 17, docs/false-sharing.md); an access that waits for a whole transfer costs tens of ns more.
    static final double LINE_TRANSFER_NANOS = 10;

    // Below this share of the accessing threads' time, estimated, the sharing is real but not worth a finding:
    // with 2 threads, 2 million interleaved accesses a second. The rates are those seen while the agent samples,
    // which its own hooks slow down, so the estimate is a floor: RequestStatsApp reads 41% at the default rate, its
    // padded twin runs 4.9x faster.
    static final double MIN_COST_SHARE = 0.01;

    static final Severity SEVERITY = Severity.WARNING;

    /** Threads named in a finding. */
    static final int MAX_THREADS_LISTED = 8;

    @Override
    public FindingKind kind() {
        return FindingKind.FALSE_SHARING;
    }

    @Override
    public Set<String> requiredEvents() {
        return Set.of(EventNames.CACHE_LINE_STATS);
    }

    @Override
    public List<Finding> detect(Profile profile) {
        List<Finding> findings = new ArrayList<>();
        for (CacheLine line : profile.cacheLines()) {
            if (isFalseSharing(line) && costShare(line) >= MIN_COST_SHARE) {
                findings.add(finding(line));
            }
        }
        return findings;
    }

    /** Different members, on one line, written by different threads. */
    static boolean isFalseSharing(CacheLine line) {
        return !line.trueSharing() && !line.memberA().equals(line.memberB())
                && line.distanceBytes() < LINE_BYTES && line.interleavings() > 0;
    }

    /**
     * Estimated share of the writing threads' time lost to moving the line: interleaved writes a second times
     * {@link #LINE_TRANSFER_NANOS}, over the writing threads; at most 1.
     */
    static double costShare(CacheLine line) {
        int writers = Math.max(2, line.threadsA() + line.threadsB());
        return Math.min(1, line.interleavingsPerSecond() * LINE_TRANSFER_NANOS / 1e9 / writers);
    }

    private static Finding finding(CacheLine line) {
        boolean array = "array".equals(line.kind());
        String what = array ? "slots " + line.memberA() + " and " + line.memberB() + " of a " + line.ownerClass()
                : line.nameA() + " and " + line.nameB();
        String where = line.siteA().isEmpty() ? "" : ", at " + line.siteA()
                + (line.siteB().isEmpty() || line.siteB().equals(line.siteA()) ? "" : " and " + line.siteB());
        // The reader/writer case: one member is only read, by another thread than the one writing its neighbour.
        boolean bothWritten = line.sampledWritesA() > 0 && line.sampledWritesB() > 0;
        String title = String.format(Locale.ROOT, "Threads %s %s, %d bytes apart on one cache line, slow each"
                + " other down (false sharing)%s", bothWritten ? "writing" : "writing and reading", what,
                line.distanceBytes(), where);
        String explanation = String.format(Locale.ROOT, "%s is at byte %d and %s at byte %d of the %s, so they share"
                        + " a %d-byte cache line. Different threads use them: %,.0f writes%s of the first and %,.0f"
                        + " writes%s of the second a second while the agent sampled, and about %,.0f times a second an"
                        + " access found the line last written by another thread's core and had to fetch it. At about"
                        + " %.0f ns a transfer that costs an estimated %s or more of the threads' time, though they"
                        + " share no data.",
                line.nameA(), line.offsetA(), line.nameB(), line.offsetB(), array ? "array" : "object", LINE_BYTES,
                line.writesPerSecond(line.sampledWritesA()), reads(line, line.sampledReadsA()),
                line.writesPerSecond(line.sampledWritesB()), reads(line, line.sampledReadsB()),
                line.interleavingsPerSecond(), LINE_TRANSFER_NANOS, percent(costShare(line)));
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("distanceBytes", (double) line.distanceBytes());
        metrics.put("offsetA", (double) line.offsetA());
        metrics.put("offsetB", (double) line.offsetB());
        metrics.put("writesPerSecondA", line.writesPerSecond(line.sampledWritesA()));
        metrics.put("writesPerSecondB", line.writesPerSecond(line.sampledWritesB()));
        metrics.put("interleavedWritesPerSecond", line.interleavingsPerSecond());
        metrics.put("estimatedCostShare", costShare(line));
        metrics.put("threads", (double) (line.threadsA() + line.threadsB()));
        List<CallSite> sites = new ArrayList<>();
        if (!line.siteA().isEmpty()) {
            sites.add(new CallSite(line.siteA(), 0, line.sampledWritesA(), List.of(line.siteA())));
        }
        if (!line.siteB().isEmpty() && !line.siteB().equals(line.siteA())) {
            sites.add(new CallSite(line.siteB(), 0, line.sampledWritesB(), List.of(line.siteB())));
        }
        return new Finding(FindingKind.FALSE_SHARING, SEVERITY, title, explanation, advice(line, array), null, sites,
                line.threadNames().stream().limit(MAX_THREADS_LISTED).toList(), metrics, null, null,
                List.of(line.nameA(), line.nameB()));
    }

    private static String reads(CacheLine line, long sampledReads) {
        return sampledReads == 0 ? "" : String.format(Locale.ROOT, " and %,.0f reads", line.writesPerSecond(sampledReads));
    }

    private static String advice(CacheLine line, boolean array) {
        if (array) {
            return String.format(Locale.ROOT, "Give each thread's slot of the %s a cache line pair of its own: space"
                    + " the slots 128 bytes apart (index * 16 for long or AtomicLongArray slots, covering the"
                    + " adjacent-line prefetch), or give each thread its own array and merge them at the end, or"
                    + " count with a LongAdder, which pads its cells.", line.ownerClass());
        }
        return String.format(Locale.ROOT, "Keep %s and %s on different cache lines: annotate them"
                + " @jdk.internal.vm.annotation.Contended (needs -XX:-RestrictContended and"
                + " --add-exports java.base/jdk.internal.vm.annotation=ALL-UNNAMED outside the JDK), or pad them 128"
                + " bytes apart (16 long fields between, in a superclass so the JVM cannot reorder them), or replace"
                + " counters with LongAdder, or keep per-thread state and merge it at the end.",
                line.nameA(), line.nameB());
    }
}
