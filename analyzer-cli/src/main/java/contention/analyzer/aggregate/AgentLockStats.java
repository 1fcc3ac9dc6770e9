// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.aggregate;

import contention.analyzer.model.CallSite;
import contention.analyzer.model.Lock;
import contention.analyzer.model.LockId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-instance accumulator for one lock the agent instruments: its periodic statistics
 * ({@code contention.LockStats}) and its timed, weighted waits with stacks ({@code contention.LockWait}).
 *
 * <p>Totals (wait, contended acquisitions, acquisitions, hold) come from the statistics, which count every
 * contended acquisition; threads, sites and stacks come from the wait events, each weighted by the number
 * of waits it stands for. Where the statistics do not cover the recording, the weighted wait events stand
 * in for them:
 * <ul>
 *   <li>Tail: waits after the last period the agent wrote (an agent that does not write a last period at
 *       exit loses up to a second).
 *   <li>Head: the agent counts from its start, before JFR's recording begins (JFR starts beside
 *       {@code main}), so its first period may begin before the recording's first event. Of that period only
 *       the waits inside the recording count: the wait events ending within it. Acquisitions and hold time,
 *       which no event carries, count in proportion to the overlap.
 * </ul>
 *
 * <p>Assumptions and guarantees: single writer. Events arrive in file order, which is not time order (JFR
 * flushes each thread's buffer on its own), so waits are kept in time buckets until the statistics show
 * which ones they cover; memory per lock is bounded by {@link #MAX_BUCKETS} buckets for each of head and tail.
 */
final class AgentLockStats {

    // Resolution of "before/after a period's end": a wait ending within this of it may be counted in neither
    // or in both (10 ms of one thread's waits, at most, against periods of a second).
    static final long TAIL_BUCKET_NANOS = 10_000_000L /* 10 ms */;

    // Memory bound: 10 s of buckets; only a recording without statistics events keeps this many.
    static final int MAX_TAIL_BUCKETS = 1_000;

    private final long agentId;
    private final LockStats waits;
    private final String lockClass;
    private List<String> allocationStack = List.of();
    private String field; // null until a statistics event names one
    private boolean fair;
    private int maxWaitingThreads;

    // Every period but the earliest, summed; the earliest is kept apart because it may begin before the recording.
    private final Totals laterPeriods = new Totals();
    private Totals earliestPeriod;
    private long earliestStartNanos = Long.MAX_VALUE;
    private long earliestEndNanos = Long.MAX_VALUE;
    private long earliestEndBucket = Long.MAX_VALUE;
    private long latestEndBucket = Long.MIN_VALUE;

    // Waits the agent does not time itself (a monitor's), from JFR: one per JFR lock id of this class (a class
    // monitor gets one per static synchronized method).
    private final List<LockStats> untimedWaits = new ArrayList<>();

    // Weighted waits ending no later than the earliest period (head), and after the latest one (tail).
    private final TimeBuckets head = new TimeBuckets();
    private final TimeBuckets tail = new TimeBuckets();

    private final LockTimeline timeline = new LockTimeline();

    AgentLockStats(long agentId, String lockClass) {
        this.agentId = agentId;
        this.lockClass = lockClass;
        this.waits = new LockStats(LockId.ofAgent(lockClass, agentId, null));
    }

    /** One period's statistics: {@code periodNanos} long, the event written at its end, {@code endEpochNanos}. */
    void stats(List<String> allocationStack, String field, boolean fair, long periodNanos, long acquisitions, long contended, long waitNanos,
            long holdNanos, int waitingThreads, long endEpochNanos) {
        this.fair |= fair;
        if (this.field == null && field != null && !field.isEmpty()) {
            this.field = field;
        }
        if (this.allocationStack.isEmpty() && !allocationStack.isEmpty()) {
            this.allocationStack = List.copyOf(allocationStack);
        }
        maxWaitingThreads = Math.max(maxWaitingThreads, waitingThreads);
        timeline.addPeriod(endEpochNanos, periodNanos, waitNanos, holdNanos, waitingThreads);
        Totals period = new Totals(acquisitions, contended, waitNanos, holdNanos);
        long startNanos = endEpochNanos - Math.max(0, periodNanos);
        long endBucket = bucketOf(endEpochNanos);
        if (earliestPeriod == null || startNanos < earliestStartNanos) {
            if (earliestPeriod != null) {
                laterPeriods.add(earliestPeriod);
            }
            earliestPeriod = period;
            earliestStartNanos = startNanos;
            earliestEndNanos = endEpochNanos;
            earliestEndBucket = endBucket;
            head.keepAtOrBefore(endBucket);            // later waits are the other periods' to count
        } else {
            laterPeriods.add(period);
        }
        if (endBucket > latestEndBucket) {
            latestEndBucket = endBucket;
            tail.keepAfter(endBucket);                 // the period holds every wait that ended before it
        }
    }

    /**
     * One wait event standing for {@code weight} waits of {@code waitNanos} each, by one thread, ending at
     * {@code endEpochNanos}.
     */
    void waitEvent(long threadId, long waitNanos, int weight, List<String> stackLeafFirst, String siteFrame,
            long endEpochNanos) {
        long weightedNanos = waitNanos * weight;
        waits.add(threadId, weightedNanos, weight, stackLeafFirst, siteFrame);
        timeline.addWaitingThread(endEpochNanos - waitNanos, threadId); // the wait itself is in the periods
        long bucket = bucketOf(endEpochNanos);
        if (bucket <= earliestEndBucket) {
            head.add(bucket, weightedNanos, weight);
        }
        if (bucket > latestEndBucket) {
            tail.add(bucket, weightedNanos, weight);
        }
    }

    /** Adds the waits JFR saw for this lock, a monitor, whose waits the agent does not time. */
    void addUntimedWaits(LockStats jfrWaits) {
        untimedWaits.add(jfrWaits);
        timeline.addAll(jfrWaits.timeline());
        if (field == null && jfrWaits.id().field() != null) {
            field = jfrWaits.id().field();
        }
    }

    /** The hold time the agent's statistics estimate over all periods read so far. */
    long holdNanos() {
        return laterPeriods.holdNanos + (earliestPeriod == null ? 0 : earliestPeriod.holdNanos);
    }

    /** The lock's class as the agent named it. */
    String lockClass() {
        return lockClass;
    }

    /**
     * The lock as the report shows it, for a recording whose events begin at {@code recordingStartEpochNanos}
     * and last {@code recordingNanos}; utilization is the hold time over the recording's duration.
     */
    Lock toLock(long recordingStartEpochNanos, long recordingNanos, ExecutionSamples samples) {
        Totals totals = new Totals();
        totals.add(laterPeriods);
        if (earliestPeriod != null) {
            totals.add(earliestPeriodWithin(recordingStartEpochNanos));
        }
        long[] after = tail.sum();
        long waitNanos = totals.waitNanos + after[0];
        long waitCount = totals.contended + after[1];
        Lock.Usage usage = null;
        if (earliestPeriod != null) {
            double utilization = recordingNanos <= 0 ? 0.0 : (double) totals.holdNanos / recordingNanos;
            usage = new Lock.Usage(totals.acquisitions + after[1], totals.holdNanos,
                    Math.min(1.0, Math.max(0.0, utilization)), fair);
        }
        LockId id = new LockId(lockClass, agentId, allocationStack.isEmpty() ? null : allocationStack.get(0), field);
        List<Lock.ThreadWait> waiters = waits.waiters();
        List<CallSite> sites = waits.topSites();
        for (LockStats untimed : untimedWaits) {
            waitNanos += untimed.waitNanos();
            waitCount += untimed.waitCount();
            waiters = LockStats.mergeWaiters(waiters, untimed.waiters());
            sites = LockStats.mergeSites(sites, untimed.topSites());
        }
        return new Lock(id, waitNanos, waitCount, Math.max(maxWaitingThreads, waiters.size()), waiters,
                sites, allocationStack, usage,
                timeline.toWindows(recordingStartEpochNanos, recordingStartEpochNanos + recordingNanos,
                        samples.isEmpty() ? null : samples.inside(CriticalMethods.of(sites)),
                        LockStats.threadIds(waiters)));
    }

    // The earliest period's part inside the recording: whole if it began inside; else its waits from the wait
    // events that ended within it (all of them inside the recording), the rest in proportion to the overlap.
    private Totals earliestPeriodWithin(long recordingStartEpochNanos) {
        if (earliestStartNanos >= recordingStartEpochNanos) {
            return earliestPeriod;
        }
        double overlap = earliestEndNanos <= earliestStartNanos ? 1.0
                : Math.max(0.0, Math.min(1.0, (double) (earliestEndNanos - recordingStartEpochNanos)
                        / (earliestEndNanos - earliestStartNanos)));
        long[] before = head.sum();
        boolean sampled = before[1] > 0;
        return new Totals(
                Math.max(Math.round(earliestPeriod.acquisitions * overlap), sampled ? before[1] : 0),
                sampled ? before[1] : Math.round(earliestPeriod.contended * overlap),
                sampled ? before[0] : Math.round(earliestPeriod.waitNanos * overlap),
                Math.round(earliestPeriod.holdNanos * overlap));
    }

    private static long bucketOf(long epochNanos) {
        return Math.floorDiv(epochNanos, TAIL_BUCKET_NANOS);
    }

    /** Summed statistics of one or more periods. */
    private static final class Totals {
        long acquisitions;
        long contended;
        long waitNanos;
        long holdNanos;

        Totals() {}

        Totals(long acquisitions, long contended, long waitNanos, long holdNanos) {
            this.acquisitions = acquisitions;
            this.contended = contended;
            this.waitNanos = waitNanos;
            this.holdNanos = holdNanos;
        }

        void add(Totals other) {
            acquisitions += other.acquisitions;
            contended += other.contended;
            waitNanos += other.waitNanos;
            holdNanos += other.holdNanos;
        }
    }

    /**
     * Weighted waits by time bucket, {nanos, count} each; beyond {@link #MAX_TAIL_BUCKETS} the oldest are
     * folded into one sum that only pruning from before, past its newest bucket, removes.
     */
    private static final class TimeBuckets {
        private final TreeMap<Long, long[]> byBucket = new TreeMap<>();
        private final long[] folded = new long[2];
        private long foldedLastBucket = Long.MIN_VALUE;

        void add(long bucket, long nanos, long count) {
            long[] sums = byBucket.computeIfAbsent(bucket, b -> new long[2]);
            sums[0] += nanos;
            sums[1] += count;
            if (byBucket.size() > MAX_TAIL_BUCKETS) {
                Map.Entry<Long, long[]> oldest = byBucket.pollFirstEntry();
                folded[0] += oldest.getValue()[0];
                folded[1] += oldest.getValue()[1];
                foldedLastBucket = Math.max(foldedLastBucket, oldest.getKey());
            }
        }

        void keepAfter(long bucket) {
            byBucket.headMap(bucket, true).clear();
            if (foldedLastBucket <= bucket) {
                folded[0] = 0;
                folded[1] = 0;
                foldedLastBucket = Long.MIN_VALUE;
            }
        }

        void keepAtOrBefore(long bucket) {
            byBucket.tailMap(bucket, false).clear();
        }

        long[] sum() {
            long[] sum = folded.clone();
            for (long[] sums : byBucket.values()) {
                sum[0] += sums[0];
                sum[1] += sums[1];
            }
            return sum;
        }
    }
}
