// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.model;

import java.util.List;
import java.util.Objects;

/**
 * Everything the recording says about one executor (a thread pool): its size, the tasks it took, ran and
 * rejected, how long tasks waited in its queue and ran, its queue over time, where tasks were submitted, and
 * how long its workers blocked waiting for other tasks.
 *
 * @param id the agent's id of the pool, stable within the recording; {@link #OTHER_POOLS} for the agent's
 *     bucket of pools beyond its limit
 * @param name the pool's name, e.g. {@code resize} (from its workers' names) or {@code ForkJoinPool.commonPool}
 * @param className the executor's class, e.g. {@code java.util.concurrent.ThreadPoolExecutor}
 * @param creationStack the frames that created the pool, innermost first; empty when unknown
 * @param coreThreads the core pool size (a ForkJoinPool's parallelism) last reported, or {@link #UNKNOWN}
 * @param maxThreads the maximum pool size last reported, or {@link #UNKNOWN} (unknown or unbounded)
 * @param largestPoolSize the most worker threads alive at the end of any period
 * @param threadLimit how many threads run its tasks at most when work queues up: the maximum pool size, or the
 *     pool size at which it queued work instead of adding threads (a ThreadPoolExecutor with an unbounded
 *     queue never grows past its core size); {@link #UNKNOWN} for a pool without a bound (a cached or
 *     virtual-thread pool)
 * @param submitted tasks accepted
 * @param completed tasks that finished running
 * @param rejected tasks rejected
 * @param callerRuns tasks handed back to the submitting thread by {@code CallerRunsPolicy} when the pool was full
 *     (back-pressure: they ran, and are not in {@code rejected})
 * @param busyNanos the run times of the tasks that finished, summed
 * @param seenNanos how long the pool was seen: from the start of its first period to the end of its last
 * @param queueWait queue waits of a sample of tasks
 * @param runTime run times of every task that finished
 * @param periods the pool's periods in time order; consecutive periods are merged in pairs beyond a bound, so
 *     one entry may stand for several
 * @param submitSites where tasks were submitted, most first (the top ones only)
 * @param blockedWaits how long its workers blocked waiting for other tasks' results, by awaited pool and method,
 *     longest first
 * @param blockedSites where its workers blocked waiting for other tasks, longest first (the top ones only)
 * @param blockedThreads the workers that blocked waiting for other tasks, longest first
 */
public record Executor(
        long id,
        String name,
        String className,
        List<String> creationStack,
        int coreThreads,
        int maxThreads,
        int largestPoolSize,
        int threadLimit,
        long submitted,
        long completed,
        long rejected,
        long callerRuns,
        long busyNanos,
        long seenNanos,
        Latency queueWait,
        Latency runTime,
        List<Period> periods,
        List<SubmitSite> submitSites,
        List<BlockedWait> blockedWaits,
        List<CallSite> blockedSites,
        List<String> blockedThreads) {

    /** A size or pool id the agent did not know, or a pool without a bound. */
    public static final int UNKNOWN = -1;

    /** The pool id of the agent's "[other pools]" bucket: pools beyond the number it tells apart, summed. */
    public static final long OTHER_POOLS = 0;

    public Executor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(className, "className");
        creationStack = List.copyOf(creationStack);
        Objects.requireNonNull(queueWait, "queueWait");
        Objects.requireNonNull(runTime, "runTime");
        periods = List.copyOf(periods);
        submitSites = List.copyOf(submitSites);
        blockedWaits = List.copyOf(blockedWaits);
        blockedSites = List.copyOf(blockedSites);
        blockedThreads = List.copyOf(blockedThreads);
    }

    /** Task run time per unit of time the pool was seen: how many threads were running tasks, on average. */
    public double effectiveParallelism() {
        return seenNanos <= 0 ? 0.0 : (double) busyNanos / seenNanos;
    }

    /**
     * The pool's threads as reports print them: the most workers alive at the end of a period, or its thread limit
     * when no period ended with a worker alive (a short burst whose workers had already exited); 0 if neither.
     */
    public int threads() {
        return largestPoolSize > 0 ? largestPoolSize : Math.max(0, threadLimit);
    }

    /** Whether it is a {@code ScheduledThreadPoolExecutor}, whose queue holds delayed tasks that are not yet due. */
    public boolean isScheduled() {
        return className.endsWith("ScheduledThreadPoolExecutor");
    }

    /** The share of its periods that ended with tasks waiting in its queue. */
    public double queuedShare() {
        int count = periodCount();
        return count == 0 ? 0.0 : (double) periods.stream().filter(period -> period.queueDepth() > 0)
                .mapToInt(Period::periods).sum() / count;
    }

    /** Whether the pool has a bound on the threads that run its tasks, and so can saturate or starve. */
    public boolean bounded() {
        return threadLimit > 0;
    }

    /** Whether this is the agent's bucket of pools it did not tell apart, rather than one pool. */
    public boolean isOtherPools() {
        return id == OTHER_POOLS;
    }

    /** Whether this is a {@code ForkJoinPool} (the common pool included). */
    public boolean isForkJoinPool() {
        return className.endsWith("ForkJoinPool");
    }

    /** The site that submitted most tasks, or {@code null} when no submit was sampled. */
    public SubmitSite mainSubmitSite() {
        return submitSites.isEmpty() ? null : submitSites.get(0);
    }

    /** The innermost frame that created the pool, or {@code null} when unknown. */
    public String creationSite() {
        return creationStack.isEmpty() ? null : creationStack.get(0);
    }

    /** The pool as a finding names it. */
    public PoolRef ref() {
        SubmitSite site = mainSubmitSite();
        return new PoolRef(name, className, site == null ? null : site.frame());
    }

    /** Total time its workers blocked waiting for other tasks. */
    public long blockedNanos() {
        return blockedWaits.stream().mapToLong(BlockedWait::waitNanos).sum();
    }

    /** The number of periods, counting each merged one as the periods it stands for. */
    public int periodCount() {
        return periods.stream().mapToInt(Period::periods).sum();
    }

    /** The share of its periods that ended with every thread busy and work waiting or the pool at its maximum. */
    public double allBusyShare() {
        int count = periodCount();
        return count == 0 ? 0.0 : (double) periods.stream().mapToInt(Period::allBusyPeriods).sum() / count;
    }

    /** The largest queue depth seen, at a submit or at the end of a period. */
    public int maxQueueDepth() {
        return periods.stream().mapToInt(period -> Math.max(period.maxQueueDepth(), period.queueDepth())).max()
                .orElse(0);
    }

    /**
     * Whether a thread with this name is one of the pool's workers: its name is the pool's name followed by a
     * separator ({@code resize-1}, {@code pool-3-thread-7}, {@code ForkJoinPool.commonPool-worker-2}), the way
     * the agent derives a pool's name from its workers' names.
     */
    public boolean hasWorker(String threadName) {
        if (threadName == null || !threadName.startsWith(name)) {
            return false;
        }
        // "pool-3" is not "pool-30-thread-1"'s pool.
        return threadName.length() == name.length() || !Character.isLetterOrDigit(threadName.charAt(name.length()));
    }

    /**
     * Percentiles of a set of durations, each value as the middle of the agent's 25%-wide bucket.
     *
     * @param count how many values
     * @param p50Nanos the median
     * @param p99Nanos the 99th percentile
     * @param maxNanos the largest value
     */
    public record Latency(long count, long p50Nanos, long p99Nanos, long maxNanos) {

        /** No values. */
        public static final Latency NONE = new Latency(0, 0, 0, 0);

        /** Whether there are no values. */
        public boolean isEmpty() {
            return count == 0;
        }
    }

    /**
     * One period of the pool's statistics (about a second), or several consecutive ones merged.
     *
     * @param endEpochNanos when the (last) period ended, nanoseconds since the epoch
     * @param periodNanos how long it lasted
     * @param periods how many of the agent's periods it stands for
     * @param allBusyPeriods of those, how many ended with every thread running a task, and either tasks waiting
     *     in the queue or the pool at its maximum size
     * @param busyNanos run time of the tasks that finished in it
     * @param queueDepth tasks waiting in the queue at its end
     * @param maxQueueDepth the largest queue depth seen at a submit during it
     * @param activeThreads threads running a task at its end
     * @param poolSize worker threads alive at its end
     */
    public record Period(long endEpochNanos, long periodNanos, int periods, int allBusyPeriods, long busyNanos,
            int queueDepth, int maxQueueDepth, int activeThreads, int poolSize) {}

    /**
     * One place in the program that submitted tasks to the pool.
     *
     * @param frame the first frame outside the JDK and the agent, {@code pkg.Class.method(File.java:LINE)}
     * @param count how many submissions it stands for (the agent samples them, each event weighted)
     */
    public record SubmitSite(String frame, long count) {

        public SubmitSite {
            Objects.requireNonNull(frame, "frame");
        }
    }

    /**
     * The pool's workers' waits for other tasks' results through one method, for tasks of one pool.
     *
     * @param awaitedPoolId the pool of the awaited tasks, or {@link #UNKNOWN}
     * @param method the method that waited, e.g. {@code java.util.concurrent.FutureTask.get}
     * @param waitNanos total wait
     * @param count number of waits
     */
    public record BlockedWait(long awaitedPoolId, String method, long waitNanos, long count) {

        public BlockedWait {
            Objects.requireNonNull(method, "method");
        }
    }
}
