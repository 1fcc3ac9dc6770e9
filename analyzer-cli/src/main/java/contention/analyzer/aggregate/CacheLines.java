// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.aggregate;

import contention.analyzer.model.CacheLine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The agent's {@code contention.CacheLineStats} events summed over the recording, per pair of members of one type
 * (the same fields of every {@code com.acme.Stats} object count together); at most {@link #MAX_PAIRS} pairs, the
 * rest counted in {@link #droppedPairs()}.
 */
public final class CacheLines {

    /** Pairs kept; the agent sends its top pairs each period, so more would be the long tail of one recording. */
    static final int MAX_PAIRS = 1_000;

    /** Thread names kept per pair. */
    static final int MAX_THREAD_NAMES = 8;

    private final Map<List<String>, Totals> pairs = new LinkedHashMap<>();
    private long droppedPairs;

    /** One period's event of a pair. */
    public void add(String kind, String ownerClass, String memberA, String memberB, long offsetA, long offsetB,
            String siteA, String siteB, int threadsA, int threadsB, String threadNames, long sampledWritesA,
            long sampledWritesB, long sampledReadsA, long sampledReadsB, long interleavings, long sampledNanos,
            long periodNanos, boolean trueSharing) {
        List<String> key = List.of(kind, ownerClass, memberA, memberB);
        Totals totals = pairs.get(key);
        if (totals == null) {
            if (pairs.size() >= MAX_PAIRS) {
                droppedPairs++;
                return;
            }
            totals = new Totals(kind, ownerClass, memberA, memberB, offsetA, offsetB, trueSharing);
            pairs.put(key, totals);
        }
        totals.add(siteA, siteB, threadsA, threadsB, threadNames, sampledWritesA, sampledWritesB, sampledReadsA,
                sampledReadsB, interleavings, sampledNanos, periodNanos);
    }

    /** Pairs the agent dropped beyond its own bound, as it reported them. */
    public void addDropped(long pairsDropped) {
        droppedPairs += Math.max(0, pairsDropped);
    }

    /** Pairs not kept, by the agent or here. */
    public long droppedPairs() {
        return droppedPairs;
    }

    /** The pairs, most interleaved writes per sampled second first. */
    public List<CacheLine> toCacheLines() {
        List<CacheLine> lines = new ArrayList<>(pairs.size());
        for (Totals t : pairs.values()) {
            lines.add(new CacheLine(t.kind, t.ownerClass, t.memberA, t.memberB, t.offsetA, t.offsetB, t.siteA,
                    t.siteB, t.threadsA, t.threadsB, List.copyOf(t.threadNames), t.sampledWritesA, t.sampledWritesB,
                    t.sampledReadsA, t.sampledReadsB, t.interleavings, t.sampledNanos, t.periodNanos, t.trueSharing));
        }
        lines.sort(Comparator.comparingDouble(CacheLine::interleavingsPerSecond).reversed()
                .thenComparing(CacheLine::nameA).thenComparing(CacheLine::nameB));
        return lines;
    }

    private static final class Totals {
        final String kind;
        final String ownerClass;
        final String memberA;
        final String memberB;
        final long offsetA;
        final long offsetB;
        final boolean trueSharing;
        String siteA = "";
        String siteB = "";
        int threadsA;
        int threadsB;
        final Set<String> threadNames = new LinkedHashSet<>();
        long sampledWritesA;
        long sampledWritesB;
        long sampledReadsA;
        long sampledReadsB;
        long interleavings;
        long sampledNanos;
        long periodNanos;

        Totals(String kind, String ownerClass, String memberA, String memberB, long offsetA, long offsetB,
                boolean trueSharing) {
            this.kind = kind;
            this.ownerClass = ownerClass;
            this.memberA = memberA;
            this.memberB = memberB;
            this.offsetA = offsetA;
            this.offsetB = offsetB;
            this.trueSharing = trueSharing;
        }

        void add(String siteA, String siteB, int threadsA, int threadsB, String names, long writesA, long writesB,
                long readsA, long readsB, long interleavings, long sampledNanos, long periodNanos) {
            if (this.siteA.isEmpty() && siteA != null) {
                this.siteA = siteA;
            }
            if (this.siteB.isEmpty() && siteB != null) {
                this.siteB = siteB;
            }
            this.threadsA = Math.max(this.threadsA, threadsA);
            this.threadsB = Math.max(this.threadsB, threadsB);
            if (names != null) {
                for (String name : names.split(",")) {
                    if (!name.isBlank() && threadNames.size() < MAX_THREAD_NAMES) {
                        threadNames.add(name.trim());
                    }
                }
            }
            sampledWritesA += writesA;
            sampledWritesB += writesB;
            sampledReadsA += readsA;
            sampledReadsB += readsB;
            this.interleavings += interleavings;
            this.sampledNanos += sampledNanos;
            this.periodNanos += periodNanos;
        }
    }
}
