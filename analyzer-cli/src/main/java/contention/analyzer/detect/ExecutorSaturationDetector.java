// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.detect;

import static contention.analyzer.detect.Pools.count;
import static contention.analyzer.detect.Pools.oneDecimal;
import static contention.analyzer.detect.Pools.percent;

import contention.analyzer.aggregate.Profile;
import contention.analyzer.model.Executor;
import contention.analyzer.read.EventNames;
import contention.analyzer.render.Durations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pool that cannot keep up: every thread is busy, and tasks wait in its queue far longer than they run, or
 * the queue keeps growing. Reads the agent's per-pool statistics; reports one finding per such pool, naming
 * the pool, its class, where it was created and where its tasks were submitted.
 *
 * <p>Two conditions, both needed:
 * <ul>
 *   <li>All threads busy: effective parallelism (task run time / time the pool was seen) is at least
 *       {@link #MIN_PARALLELISM_SHARE} of the pool's thread limit, or most periods
 *       ({@link #MIN_ALL_BUSY_PERIOD_SHARE}) ended with every thread running a task and work waiting, or with
 *       tasks still in the queue ({@link #MIN_QUEUED_PERIOD_SHARE}; not for scheduled pools).
 *   <li>Work queues behind them: the median queue wait is at least {@link #MIN_QUEUE_TO_RUN_RATIO} times the
 *       median run time (and at least {@link #MIN_QUEUE_WAIT_NANOS}), or the queue depth grew over the recording.
 * </ul>
 * Pools without a bound on their threads (cached, virtual-thread) add threads instead of queuing and are not
 * judged; neither is the agent's bucket of pools it did not tell apart.
 */
public final class ExecutorSaturationDetector implements Detector {

    /*
     * "All threads busy" from run time: a pool whose tasks kept its threads 90% busy on average has no thread
     * to spare when work arrives in bursts. Effective parallelism counts a task's whole run time in the period
     * it ends, so it can sit a few percent off the true share either way; 0.90 leaves room for that and for
     * the gaps between a task ending and the next one starting. A ratio, 0..1, of the thread limit.
     */
    static final double MIN_PARALLELISM_SHARE = 0.90;

    /*
     * "All threads busy" from the periods' end states, for pools whose run time is spread unevenly (long tasks
     * that end in few periods): most periods (more than half) ended with every worker active and tasks waiting,
     * or the pool at its maximum. A ratio, 0..1, of the periods.
     */
    static final double MIN_ALL_BUSY_PERIOD_SHARE = 0.50;

    /*
     * "All threads busy" from the queue alone: tasks still queued at the end of most periods, since an idle worker
     * takes a queued task at once. Needed for tiny tasks, whose run time and end-of-period active count both miss
     * the time a worker spends between tasks: in a bench of 2,000,000 tasks of ~0.5 us on single-thread pools,
     * 100,000s of tasks queued with a 3.9 ms median wait while run time summed to 0.06 threads. Not for a
     * ScheduledThreadPoolExecutor, whose queue holds delayed tasks that are not yet due. A ratio, 0..1.
     */
    static final double MIN_QUEUED_PERIOD_SHARE = 0.50;

    /*
     * "Queue wait far above run time": a task that waits twice as long as it runs spends two thirds of its
     * latency in the queue; below that, queueing is part of normal operation of a busy pool.
     */
    static final double MIN_QUEUE_TO_RUN_RATIO = 2.0;

    // Below this median queue wait, queueing costs too little to report, however it compares with run time.
    static final long MIN_QUEUE_WAIT_NANOS = 1_000_000L /* 1 ms */;

    /*
     * A growing queue: the mean depth over the last third of the periods is at least twice that of the first
     * third and at least this many tasks more; a few tasks more is noise of a busy pool.
     */
    static final double MIN_QUEUE_GROWTH_RATIO = 2.0;
    static final int MIN_QUEUE_GROWTH_TASKS = 10;

    // Thirds of fewer periods than this say nothing about a trend.
    static final int MIN_PERIODS_FOR_TREND = 3;

    // A pool whose tasks ran less than a thread-second in all (one period of one thread) did too little work
    // for its queue to hold the program back, unless most periods ended with all its threads busy or work queued:
    // a stuck pool finishes nothing, so its run time stays 0, and tiny tasks add up to little run time however
    // many of them queue (the bench above: 300,000 queued, 96 ms of run time).
    static final long MIN_BUSY_NANOS = 1_000_000_000L /* 1 s */;

    // Rejected tasks mean work was refused, not just delayed.
    static final Severity SEVERITY = Severity.WARNING;
    static final Severity SEVERITY_WITH_REJECTIONS = Severity.CRITICAL;

    static final int MAX_THREADS_LISTED = 20;

    @Override
    public FindingKind kind() {
        return FindingKind.EXECUTOR_SATURATION;
    }

    @Override
    public Set<String> requiredEvents() {
        return Set.of(EventNames.EXECUTOR_STATS);
    }

    @Override
    public List<Finding> detect(Profile profile) {
        List<Finding> findings = new ArrayList<>();
        for (Executor executor : profile.executors()) {
            if (executor.isOtherPools() || !executor.bounded()) {
                continue;
            }
            boolean busyInMostPeriods = executor.allBusyShare() >= MIN_ALL_BUSY_PERIOD_SHARE
                    || queuedInMostPeriods(executor);
            if (executor.busyNanos() < MIN_BUSY_NANOS && !busyInMostPeriods) {
                continue;
            }
            double parallelismShare = executor.effectiveParallelism() / executor.threadLimit();
            boolean allBusy = parallelismShare >= MIN_PARALLELISM_SHARE || busyInMostPeriods;
            if (!allBusy) {
                continue;                                        // cheap verdict first
            }
            QueueTrend trend = QueueTrend.of(executor);
            if (!queueWaitFarAboveRunTime(executor) && !growingBacklog(executor, trend)) {
                continue;
            }
            findings.add(finding(profile, executor, trend));
        }
        return findings;
    }

    /*
     * A growing queue is a backlog only if tasks stay queued: with few periods each third is one end-of-period
     * snapshot, and a pool sized for bursts (CommonPoolCrawlFixedApp's 32 crawl threads taking 32 fetches at once)
     * can end one period mid-burst with 28 queued while its queue was empty at the end of the others.
     */
    static boolean growingBacklog(Executor executor, QueueTrend trend) {
        return trend != null && trend.growing() && executor.queuedShare() >= MIN_QUEUED_PERIOD_SHARE;
    }

    static boolean queuedInMostPeriods(Executor executor) {
        return !executor.isScheduled() && executor.queuedShare() >= MIN_QUEUED_PERIOD_SHARE;
    }

    static boolean queueWaitFarAboveRunTime(Executor executor) {
        Executor.Latency queueWait = executor.queueWait();
        Executor.Latency runTime = executor.runTime();
        if (queueWait.isEmpty() || queueWait.p50Nanos() < MIN_QUEUE_WAIT_NANOS) {
            return false;
        }
        return runTime.isEmpty() || queueWait.p50Nanos() >= MIN_QUEUE_TO_RUN_RATIO * runTime.p50Nanos();
    }

    /**
     * The queue's mean depth over the first and the last third of the periods.
     *
     * @param firstMean mean depth at the end of the first third's periods
     * @param lastMean mean depth at the end of the last third's periods
     */
    record QueueTrend(double firstMean, double lastMean) {

        /** The trend of this pool's queue, or {@code null} with fewer than {@link #MIN_PERIODS_FOR_TREND} periods. */
        static QueueTrend of(Executor executor) {
            List<Executor.Period> periods = executor.periods();
            if (periods.size() < MIN_PERIODS_FOR_TREND) {
                return null;
            }
            int third = periods.size() / 3;
            return new QueueTrend(meanDepth(periods.subList(0, third)),
                    meanDepth(periods.subList(periods.size() - third, periods.size())));
        }

        boolean growing() {
            return lastMean - firstMean >= MIN_QUEUE_GROWTH_TASKS && lastMean >= MIN_QUEUE_GROWTH_RATIO * firstMean;
        }

        private static double meanDepth(List<Executor.Period> periods) {
            return periods.stream().mapToInt(Executor.Period::queueDepth).average().orElse(0);
        }
    }

    private static Finding finding(Profile profile, Executor executor, QueueTrend trend) {
        Executor.Latency queueWait = executor.queueWait();
        Executor.Latency runTime = executor.runTime();
        int threads = executor.threadLimit();
        boolean growing = growingBacklog(executor, trend);

        StringBuilder title = new StringBuilder("Pool ").append(executor.name()).append(" (")
                .append(Pools.simpleClassName(executor)).append(") is saturated: all ").append(count(threads, "thread"))
                .append(" busy");
        if (queueWaitFarAboveRunTime(executor)) {
            title.append(", tasks waited ").append(Durations.human(queueWait.p50Nanos())).append(" in its queue (p99 ")
                    .append(Durations.human(queueWait.p99Nanos())).append(')');
            if (!runTime.isEmpty()) {
                title.append(" for ").append(Durations.human(runTime.p50Nanos())).append(" of run time");
            }
        } else {
            title.append(", its queue grew to ").append(count(executor.maxQueueDepth(), "task"));
        }
        if (executor.rejected() > 0) {
            title.append(", ").append(count(executor.rejected(), "task")).append(" rejected");
        }
        title.append(Pools.submittedAt(executor));

        StringBuilder explanation = new StringBuilder();
        double parallelismShare = executor.effectiveParallelism() / threads;
        if (executor.completed() == 0) {
            explanation.append("No task finished in the recording: its ").append(count(threads, "thread"))
                    .append(" were held by tasks that never ended");
        } else if (parallelismShare >= MIN_PARALLELISM_SHARE) {
            explanation.append("Its ").append(count(threads, "thread")).append(" ran ")
                    .append(oneDecimal(executor.effectiveParallelism()))
                    .append(" tasks at a time on average (effective parallelism)");
        } else {
            explanation.append("Tasks were still waiting in its queue at the end of ")
                    .append(percent(Math.max(executor.queuedShare(), executor.allBusyShare())))
                    .append(" of its periods, so no thread was free to take them (their own run time adds up to ")
                    .append(oneDecimal(executor.effectiveParallelism()))
                    .append(" threads; the rest is each task's overhead, or tasks still running)");
        }
        explanation.append('.');
        if (!queueWait.isEmpty()) {
            explanation.append(" Tasks waited ").append(Durations.human(queueWait.p50Nanos()))
                    .append(" in the queue at the median, ").append(Durations.human(queueWait.p99Nanos()))
                    .append(" at p99 and ").append(Durations.human(queueWait.maxNanos())).append(" at most");
            if (!runTime.isEmpty()) {
                explanation.append(", against a run time of ").append(Durations.human(runTime.p50Nanos()))
                        .append(" at the median and ").append(Durations.human(runTime.p99Nanos())).append(" at p99");
            }
            explanation.append('.');
        }
        explanation.append(" The queue held up to ").append(count(executor.maxQueueDepth(), "task"));
        if (growing) {
            explanation.append(", and its mean depth grew from ").append(Math.round(trend.firstMean()))
                    .append(" in the first third of the recording to ").append(Math.round(trend.lastMean()))
                    .append(" in the last");
        }
        explanation.append('.');
        if (executor.rejected() > 0) {
            explanation.append(" It rejected ").append(count(executor.rejected(), "task"))
                    .append(": work was refused, not only delayed.");
        }
        explanation.append(" Work arrives faster than the pool runs it, so its tasks' latency is mostly queueing.");

        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("effectiveParallelism", executor.effectiveParallelism());
        metrics.put("threads", (double) threads);
        metrics.put("allBusyPeriodShare", executor.allBusyShare());
        metrics.put("queuedPeriodShare", executor.queuedShare());
        if (!queueWait.isEmpty()) {
            metrics.put("queueWaitP50Ms", Durations.millis(queueWait.p50Nanos()));
            metrics.put("queueWaitP99Ms", Durations.millis(queueWait.p99Nanos()));
        }
        if (!runTime.isEmpty()) {
            metrics.put("runTimeP50Ms", Durations.millis(runTime.p50Nanos()));
        }
        metrics.put("maxQueueDepth", (double) executor.maxQueueDepth());
        metrics.put("rejected", (double) executor.rejected());
        return new Finding(
                FindingKind.EXECUTOR_SATURATION,
                executor.rejected() > 0 ? SEVERITY_WITH_REJECTIONS : SEVERITY,
                title.toString(),
                explanation.toString(),
                advice(profile, executor),
                null,
                List.of(),
                Pools.workers(profile, executor, MAX_THREADS_LISTED),
                metrics,
                executor.ref());
    }

    private static String advice(Profile profile, Executor executor) {
        String submit = executor.mainSubmitSite() == null ? "" : " (" + executor.mainSubmitSite().frame() + ")";
        int cpus = profile.recording().cpus();
        String cores = cpus > 0 ? "cores (" + cpus + " here)" : "cores";
        String sizing = " Then size the pool for its work: CPU-bound tasks need about as many threads as " + cores
                + ", I/O-bound tasks more threads, or a separate pool so that they do not hold up the CPU-bound ones.";
        if (executor.isForkJoinPool()) {
            return "Limit the tasks in flight in pool " + executor.name() + Pools.createdAt(executor)
                    + " where they are submitted" + submit + ": a ForkJoinPool's queues are unbounded, so apply"
                    + " back-pressure with a Semaphore acquired before submitting and released when the task ends,"
                    + " or give this work its own executor with a bounded queue (parallel streams and"
                    + " CompletableFuture.*Async without an executor all share the common pool)." + sizing;
        }
        return "Bound the queue of pool " + executor.name() + Pools.createdAt(executor) + " and apply back-pressure"
                + " where tasks are submitted" + submit + ": a ThreadPoolExecutor with a bounded ArrayBlockingQueue"
                + " and ThreadPoolExecutor.CallerRunsPolicy, or a Semaphore acquired before submit and released when"
                + " the task ends, so that producers slow down instead of piling up work." + sizing;
    }
}
