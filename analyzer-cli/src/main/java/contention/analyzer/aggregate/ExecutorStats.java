// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.aggregate;

import contention.analyzer.model.CallSite;
import contention.analyzer.model.Executor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;

/**
 * Per-pool accumulator filled while reading: the agent's periodic statistics ({@code contention.ExecutorStats}),
 * its sampled submits ({@code contention.TaskSubmit}) and its workers' waits for other tasks
 * ({@code contention.PoolBlocked}).
 *
 * <p>Totals (submitted, completed, rejected, busy time) are sums over the periods; queue-wait and run-time
 * percentiles come from HdrHistograms filled with the decoded bucket counts ({@link BucketHistograms}); the
 * queue's depth over time is a series of periods that merges neighbours in pairs when it grows past
 * {@link #MAX_PERIODS}.
 *
 * <p>Assumptions and guarantees: single writer. Events arrive in file order, which is close to but not
 * exactly time order, so periods are kept sorted by their end. Memory per pool is bounded by
 * {@link #MAX_PERIODS}, {@link #MAX_SUBMIT_SITES}, {@link #MAX_BLOCKED_KINDS}, {@link #MAX_BLOCKED_SITES}, the
 * blocked workers, and two histograms of a few tens of kilobytes, allocated on first use.
 */
final class ExecutorStats {

    // The agent's period, for an event without its length (the contract: "periodic, 1 s").
    static final long DEFAULT_PERIOD_NANOS = 1_000_000_000L /* 1 s */;

    // Ten minutes of 1 s periods; a longer recording keeps its whole span at a coarser step (2 s, 4 s, ...).
    static final int MAX_PERIODS = 600;

    // Memory bounds while reading: submits and waits at further sites count toward the totals only.
    static final int MAX_SUBMIT_SITES = 1_000;
    static final int MAX_BLOCKED_SITES = 1_000;

    // Distinct (awaited pool, method) pairs a pool's waits are kept by; further ones are folded into the last.
    static final int MAX_BLOCKED_KINDS = 100;

    // Kept in the model, most first; renderers show fewer.
    static final int KEPT_SUBMIT_SITES = 10;
    static final int KEPT_BLOCKED_SITES = 20;

    private static final String UNKNOWN_METHOD = "unknown";

    private final long id;
    private String name;
    private long nameEpochNanos = Long.MIN_VALUE;
    private String className;
    private List<String> creationStack = List.of();
    private int coreThreads = Executor.UNKNOWN;
    private int maxThreads = Executor.UNKNOWN;
    private long sizesEpochNanos = Long.MIN_VALUE;
    private int largestPoolSize;
    private boolean queuedBelowMax;
    private long submitted;
    private long completed;
    private long rejected;
    private long callerRuns;
    private long busyNanos;
    private long firstStartNanos = Long.MAX_VALUE;
    private long lastEndNanos = Long.MIN_VALUE;
    private Histogram queueWait;
    private Histogram runTime;
    private final TreeMap<Long, PeriodSums> periods = new TreeMap<>();
    private final Map<String, long[]> submitsBySite = new HashMap<>();
    private final Map<BlockedKind, long[]> blockedByKind = new HashMap<>();
    private final Map<Long, long[]> blockedNanosByThread = new HashMap<>();
    private final Map<String, SiteStats> blockedSites = new HashMap<>();

    ExecutorStats(long id) {
        this.id = id;
    }

    /** One period's statistics of this pool. */
    void period(ExecutorPeriod period) {
        long end = period.endEpochNanos();
        if (period.poolName() != null && !period.poolName().isBlank() && end >= nameEpochNanos) {
            // The agent names a pool after its workers once they exist: the latest name is the best one.
            name = period.poolName();
            nameEpochNanos = end;
        }
        if (period.poolClass() != null && !period.poolClass().isBlank()) {
            className = period.poolClass();
        }
        if (creationStack.isEmpty() && !period.creationStack().isEmpty()) {
            creationStack = period.creationStack();
        }
        // The latest known sizes win; an unknown one (the agent's last event for a pool shut down) never
        // replaces a known one.
        boolean knownSizes = period.maximumPoolSize() != Executor.UNKNOWN;
        if (knownSizes && (end >= sizesEpochNanos || maxThreads == Executor.UNKNOWN)) {
            coreThreads = period.corePoolSize();
            maxThreads = period.maximumPoolSize();
            sizesEpochNanos = end;
        }
        int max = knownSizes ? period.maximumPoolSize() : maxThreads;
        boolean boundedMax = max > 0 && max < Integer.MAX_VALUE;
        largestPoolSize = Math.max(largestPoolSize, period.poolSize());
        if (period.queueDepth() > 0 && period.poolSize() > 0 && (max < 0 || period.poolSize() < max)) {
            queuedBelowMax = true;
        }
        long periodNanos = period.periodNanos() > 0 ? period.periodNanos() : DEFAULT_PERIOD_NANOS;
        submitted += Math.max(0, period.submitted());
        completed += Math.max(0, period.completed());
        rejected += Math.max(0, period.rejected());
        callerRuns += Math.max(0, period.callerRuns());
        busyNanos += Math.max(0, period.busyNanos());
        firstStartNanos = Math.min(firstStartNanos, end - periodNanos);
        lastEndNanos = Math.max(lastEndNanos, end);
        if (period.queueWaitHistogram() != null && !period.queueWaitHistogram().isBlank()) {
            if (queueWait == null) {
                queueWait = BucketHistograms.newHistogram();
            }
            BucketHistograms.decodeInto(period.queueWaitHistogram(), queueWait);
        }
        if (period.runTimeHistogram() != null && !period.runTimeHistogram().isBlank()) {
            if (runTime == null) {
                runTime = BucketHistograms.newHistogram();
            }
            BucketHistograms.decodeInto(period.runTimeHistogram(), runTime);
        }
        // Every worker running a task, and either work waiting or no room for another thread.
        boolean allBusy = period.activeThreads() > 0 && period.activeThreads() >= period.poolSize()
                && (period.queueDepth() > 0 || (boundedMax && period.poolSize() >= max));
        PeriodSums sums = new PeriodSums(end, periodNanos, allBusy ? 1 : 0, Math.max(0, period.busyNanos()),
                period.queueDepth(), period.maxQueueDepth(), period.activeThreads(), period.poolSize());
        PeriodSums sameEnd = periods.get(end);
        if (sameEnd != null) {
            sameEnd.absorb(sums);
        } else {
            periods.put(end, sums);
        }
        if (periods.size() > MAX_PERIODS) {
            foldPeriodsInPairs();
        }
    }

    /** A name from an event that is not the pool's statistics, used until statistics name the pool. */
    void nameIfUnknown(String poolName) {
        if (name == null && poolName != null && !poolName.isBlank()) {
            name = poolName;
        }
    }

    /** One sampled submit, standing for {@code weight} submits at {@code siteFrame} ({@code null} if unknown). */
    void submit(String siteFrame, long weight) {
        if (siteFrame == null) {
            return;
        }
        long[] count = submitsBySite.get(siteFrame);
        if (count == null && submitsBySite.size() < MAX_SUBMIT_SITES) {
            count = new long[1];
            submitsBySite.put(siteFrame, count);
        }
        if (count != null) {
            count[0] += Math.max(1, weight);
        }
    }

    /**
     * One wait of a worker for another task's result.
     *
     * @param threadId the worker's key, or {@code null} when unknown
     * @param awaitedPoolId the awaited task's pool, or {@link Executor#UNKNOWN}
     * @param method the method that waited, or {@code null}
     * @param waitNanos how long it waited
     * @param stackLeafFirst the waiting stack, innermost first
     * @param siteFrame the call site, or {@code null} without a stack
     */
    void blocked(Long threadId, long awaitedPoolId, String method, long waitNanos, List<String> stackLeafFirst,
            String siteFrame) {
        long nanos = Math.max(0, waitNanos);
        BlockedKind kind = new BlockedKind(awaitedPoolId < 0 ? Executor.UNKNOWN : awaitedPoolId,
                method == null || method.isBlank() ? UNKNOWN_METHOD : method);
        long[] sums = blockedByKind.get(kind);
        if (sums == null) {
            if (blockedByKind.size() >= MAX_BLOCKED_KINDS) {
                kind = new BlockedKind(Executor.UNKNOWN, UNKNOWN_METHOD);
            }
            sums = blockedByKind.computeIfAbsent(kind, k -> new long[2]);
        }
        sums[0] += nanos;
        sums[1]++;
        if (threadId != null) {
            blockedNanosByThread.computeIfAbsent(threadId, t -> new long[1])[0] += nanos;
        }
        if (siteFrame != null) {
            SiteStats site = blockedSites.get(siteFrame);
            if (site == null && blockedSites.size() < MAX_BLOCKED_SITES) {
                site = new SiteStats(siteFrame);
                blockedSites.put(siteFrame, site);
            }
            if (site != null) {
                site.add(nanos, 1, stackLeafFirst);
            }
        }
    }

    /** The run time of the tasks that finished so far. */
    long busyNanos() {
        return busyNanos;
    }

    /**
     * The pool as the report shows it, for a recording whose events begin at {@code recordingStartEpochNanos};
     * {@code threadNames} names a thread by its key.
     */
    Executor toExecutor(long recordingStartEpochNanos, LongFunction<String> threadNames) {
        long seenNanos = lastEndNanos == Long.MIN_VALUE
                ? 0
                : Math.max(0, lastEndNanos - Math.max(firstStartNanos, recordingStartEpochNanos));
        List<Executor.Period> series = periods.values().stream().map(PeriodSums::toPeriod).toList();
        List<Executor.SubmitSite> sites = submitsBySite.entrySet().stream()
                .map(entry -> new Executor.SubmitSite(entry.getKey(), entry.getValue()[0]))
                .sorted(Comparator.comparingLong(Executor.SubmitSite::count).reversed()
                        .thenComparing(Executor.SubmitSite::frame))
                .limit(KEPT_SUBMIT_SITES)
                .toList();
        List<Executor.BlockedWait> waits = blockedByKind.entrySet().stream()
                .map(entry -> new Executor.BlockedWait(entry.getKey().awaitedPoolId(), entry.getKey().method(),
                        entry.getValue()[0], entry.getValue()[1]))
                .sorted(Comparator.comparingLong(Executor.BlockedWait::waitNanos).reversed()
                        .thenComparing(Executor.BlockedWait::method)
                        .thenComparingLong(Executor.BlockedWait::awaitedPoolId))
                .toList();
        List<CallSite> waitSites = blockedSites.values().stream()
                .map(SiteStats::toCallSite)
                .sorted(Comparator.comparingLong(CallSite::waitNanos).reversed().thenComparing(CallSite::frame))
                .limit(KEPT_BLOCKED_SITES)
                .toList();
        List<String> waitThreads = blockedNanosByThread.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<Long, long[]> entry) -> entry.getValue()[0]).reversed()
                        .thenComparing(Map.Entry::getKey))
                .map(entry -> threadNames.apply(entry.getKey()))
                .toList();
        return new Executor(id, displayName(), className == null ? "unknown" : className, creationStack,
                coreThreads, maxThreads, largestPoolSize, threadLimit(), submitted, completed, rejected, callerRuns, busyNanos,
                seenNanos, latency(queueWait), latency(runTime), series, sites, waits, waitSites, waitThreads);
    }

    private String displayName() {
        if (name != null) {
            return name;
        }
        return id == Executor.OTHER_POOLS ? "[other pools]" : "pool#" + id;
    }

    /*
     * The threads that run tasks when work queues up. A ThreadPoolExecutor adds threads beyond its core size
     * only when its queue refuses a task, so one that queued work below its maximum (an unbounded
     * LinkedBlockingQueue, as in Executors.newFixedThreadPool, or core 2, max 10 and such a queue) runs at
     * most the threads it had then. A ForkJoinPool starts workers lazily and adds spares while workers block,
     * so its parallelism is its bound.
     */
    private int threadLimit() {
        boolean boundedMax = maxThreads > 0 && maxThreads < Integer.MAX_VALUE;
        boolean forkJoin = className != null && className.endsWith("ForkJoinPool");
        if (queuedBelowMax && largestPoolSize > 0 && !forkJoin) {
            return boundedMax ? Math.min(largestPoolSize, maxThreads) : largestPoolSize;
        }
        return boundedMax ? maxThreads : Executor.UNKNOWN;
    }

    // Percentiles snapped back to the bucket midpoints the values were recorded at, which HdrHistogram's own
    // (1%) rounding would move slightly.
    private static Executor.Latency latency(Histogram histogram) {
        if (histogram == null || histogram.getTotalCount() == 0) {
            return Executor.Latency.NONE;
        }
        return new Executor.Latency(histogram.getTotalCount(),
                BucketHistograms.snap(histogram.getValueAtPercentile(50.0)),
                BucketHistograms.snap(histogram.getValueAtPercentile(99.0)),
                BucketHistograms.snap(histogram.getMaxValue()));
    }

    private void foldPeriodsInPairs() {
        List<PeriodSums> ordered = new ArrayList<>(periods.values());
        periods.clear();
        for (int i = 0; i < ordered.size(); i += 2) {
            PeriodSums earlier = ordered.get(i);
            if (i + 1 < ordered.size()) {
                earlier.absorb(ordered.get(i + 1));
            }
            periods.put(earlier.endEpochNanos, earlier);
        }
    }

    /** Which pool's task a worker waited for, and through which method. */
    private record BlockedKind(long awaitedPoolId, String method) {}

    /** One period, or consecutive ones merged: sums, maxima, and the state at the end of the latest. */
    private static final class PeriodSums {
        long endEpochNanos;
        long periodNanos;
        int periods = 1;
        int allBusyPeriods;
        long busyNanos;
        int queueDepth;
        int maxQueueDepth;
        int activeThreads;
        int poolSize;

        PeriodSums(long endEpochNanos, long periodNanos, int allBusyPeriods, long busyNanos, int queueDepth,
                int maxQueueDepth, int activeThreads, int poolSize) {
            this.endEpochNanos = endEpochNanos;
            this.periodNanos = periodNanos;
            this.allBusyPeriods = allBusyPeriods;
            this.busyNanos = busyNanos;
            this.queueDepth = queueDepth;
            this.maxQueueDepth = maxQueueDepth;
            this.activeThreads = activeThreads;
            this.poolSize = poolSize;
        }

        /** Merges a period that ends at or after this one's end. */
        void absorb(PeriodSums later) {
            endEpochNanos = Math.max(endEpochNanos, later.endEpochNanos);
            periodNanos += later.periodNanos;
            periods += later.periods;
            allBusyPeriods += later.allBusyPeriods;
            busyNanos += later.busyNanos;
            queueDepth = later.queueDepth;
            maxQueueDepth = Math.max(maxQueueDepth, later.maxQueueDepth);
            activeThreads = later.activeThreads;
            poolSize = later.poolSize;
        }

        Executor.Period toPeriod() {
            return new Executor.Period(endEpochNanos, periodNanos, periods, allBusyPeriods, busyNanos, queueDepth,
                    maxQueueDepth, activeThreads, poolSize);
        }
    }
}
