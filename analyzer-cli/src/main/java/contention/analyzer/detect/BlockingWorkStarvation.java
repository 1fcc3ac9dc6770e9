// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.detect;

import static contention.analyzer.detect.Pools.count;
import static contention.analyzer.detect.Pools.percent;

import contention.analyzer.aggregate.Profile;
import contention.analyzer.model.CallSite;
import contention.analyzer.model.Executor;
import contention.analyzer.model.ThreadActivity;
import contention.analyzer.render.Durations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The second rule of {@code executor-starvation}: a bounded pool whose workers spend most of their task time off
 * CPU (sleeping, parked, in {@code Object.wait} or blocking I/O) while tasks wait in its queue. Its threads are
 * taken by work that waits, so tasks that need a CPU wait for a thread: the common pool running blocking fetches
 * in a parallel stream while {@code CompletableFuture.supplyAsync} quotes queue behind them is the case.
 * The saturation rule misses it when long blocking tasks and short ones share one pool (queue wait and run time
 * then have about the same percentiles), and the self-blocking rule when the waits are not for the pool's own
 * tasks (or are fork/join joins, which it rightly leaves out).
 *
 * <p>taskWaitShare = the workers' waits inside tasks ({@link ThreadActivity#taskWaitNanos}: not their idle waits
 * for work, nor fork/join joins) / the pool's task run time. Workers are the profile's threads that
 * {@link Profile#executorOfThread} assigns to the pool by name ({@code ForkJoinPool.commonPool-worker-2}).
 */
final class BlockingWorkStarvation {

    /*
     * Most of the workers' task time off CPU: then most of the time a worker holds a thread, a CPU-bound task could
     * have used it. CommonPoolCrawlApp (5 ms sleeps per page in a parallel stream, 3 common-pool threads, 2 CPUs)
     * measures about 0.95; a CPU-bound pool about 0. A ratio, 0..1.
     */
    static final double MIN_WORKER_TASK_WAIT_SHARE = 0.50;

    /*
     * Tasks still queued at the end of most periods (more than half): the pool had no thread free for them. A pool
     * sized for waiting takes its tasks at once and its queue is empty at most period ends: CommonPoolCrawlFixedApp's
     * 32-thread crawl pool, whose workers sleep as much, ended 1 of 5 periods with a task queued; the common pool of
     * CommonPoolCrawlApp 4 of 5. As ExecutorSaturationDetector.MIN_QUEUED_PERIOD_SHARE. A ratio, 0..1.
     */
    static final double MIN_QUEUED_PERIOD_SHARE = 0.50;

    /*
     * And the wait was long enough to matter: median queue wait at least this (as
     * ExecutorSaturationDetector.MIN_QUEUE_WAIT_NANOS). CommonPoolCrawlApp's common pool: 4.7 ms; the fixed twin's
     * crawl pool 0.1 ms and its common pool 0.05 ms. Not checked when no queue wait was sampled.
     */
    static final long MIN_QUEUE_WAIT_NANOS = 1_000_000L /* 1 ms */;

    // Below this total wait inside tasks, the workers' waits are too short to report however large their share,
    // as for hot locks (HotLockDetector.MIN_WAIT_NANOS) and self-blocking pools.
    static final long MIN_TASK_WAIT_NANOS = 100_000_000L /* 100 ms */;

    // A pool whose tasks wait for threads: their latency suffers, nothing stalls.
    static final Severity SEVERITY = Severity.WARNING;

    // The common pool is the whole JVM's (parallel streams, CompletableFuture.*Async without an executor): blocking
    // it delays code far from the blocking call.
    static final Severity SEVERITY_COMMON_POOL = Severity.CRITICAL;

    static final String COMMON_POOL = "ForkJoinPool.commonPool";

    static final int MAX_SITES_LISTED = 3;
    static final int MAX_THREADS_LISTED = 20;

    /** The pool's finding, or {@code null} when its workers' blocking does not starve it. */
    static Finding check(Profile profile, Executor executor) {
        if (executor.isOtherPools() || !executor.bounded() || executor.isScheduled()) {
            return null;                                         // scheduled: its queue holds tasks not yet due
        }
        if (executor.queuedShare() < MIN_QUEUED_PERIOD_SHARE) {
            return null;                                         // cheap verdicts first
        }
        Executor.Latency queueWait = executor.queueWait();
        if (!queueWait.isEmpty() && queueWait.p50Nanos() < MIN_QUEUE_WAIT_NANOS) {
            return null;
        }
        List<ThreadActivity> workers = workers(profile, executor);
        long taskWaitNanos = workers.stream().mapToLong(ThreadActivity::taskWaitNanos).sum();
        if (taskWaitNanos < MIN_TASK_WAIT_NANOS) {
            return null;
        }
        double share = taskWaitShare(executor, taskWaitNanos);
        if (share < MIN_WORKER_TASK_WAIT_SHARE) {
            return null;
        }
        return finding(executor, workers, taskWaitNanos, share);
    }

    /** The pool's workers, longest wait inside tasks first. */
    static List<ThreadActivity> workers(Profile profile, Executor executor) {
        return profile.threads().stream()
                .filter(thread -> profile.executorOfThread(thread.name())
                        .map(pool -> pool.id() == executor.id()).orElse(false))
                .sorted(Comparator.comparingLong(ThreadActivity::taskWaitNanos).reversed()
                        .thenComparing(ThreadActivity::name))
                .toList();
    }

    // Tasks still running at the end of the recording have not added their run time yet: never above 1.
    static double taskWaitShare(Executor executor, long taskWaitNanos) {
        long busy = Math.max(executor.busyNanos(), taskWaitNanos);
        return busy == 0 ? 0.0 : (double) taskWaitNanos / busy;
    }

    /** The workers' wait sites merged by frame, longest first; waits without a stack left out. */
    static List<CallSite> sites(List<ThreadActivity> workers) {
        Map<String, CallSite> byFrame = new LinkedHashMap<>();
        Map<String, Long> worstStackNanos = new LinkedHashMap<>();
        for (ThreadActivity worker : workers) {
            for (CallSite site : worker.taskWaitSites()) {
                if (site.stack().isEmpty()) {
                    continue;
                }
                CallSite sum = byFrame.get(site.frame());
                if (sum == null) {
                    byFrame.put(site.frame(), site);
                    worstStackNanos.put(site.frame(), site.waitNanos());
                    continue;
                }
                // The stack of the worker that waited longest there stands for the site.
                boolean worse = site.waitNanos() > worstStackNanos.get(site.frame());
                if (worse) {
                    worstStackNanos.put(site.frame(), site.waitNanos());
                }
                byFrame.put(site.frame(), new CallSite(site.frame(), sum.waitNanos() + site.waitNanos(),
                        sum.count() + site.count(), worse ? site.stack() : sum.stack()));
            }
        }
        List<CallSite> sites = new ArrayList<>(byFrame.values());
        sites.sort(Comparator.comparingLong(CallSite::waitNanos).reversed().thenComparing(CallSite::frame));
        return sites;
    }

    private static Finding finding(Executor executor, List<ThreadActivity> workers, long taskWaitNanos,
            double share) {
        boolean commonPool = executor.name().equals(COMMON_POOL);
        Executor.Latency queueWait = executor.queueWait();
        List<CallSite> sites = sites(workers);
        String site = sites.isEmpty() ? null : sites.get(0).frame();
        String blockingCall = sites.isEmpty() ? null : blockingCall(sites.get(0));

        StringBuilder title = new StringBuilder("Pool ").append(Pools.label(executor))
                .append(" is starved by blocking work: its workers spent ").append(percent(share))
                .append(" of their task time blocked or sleeping instead of on a CPU");
        if (!queueWait.isEmpty()) {
            title.append(", while tasks waited ").append(Durations.human(queueWait.p50Nanos()))
                    .append(" in its queue (p99 ").append(Durations.human(queueWait.p99Nanos())).append(')');
        }
        if (site != null) {
            title.append(", most at ").append(site);
        }

        StringBuilder explanation = new StringBuilder();
        explanation.append("Its ").append(count(workers.size(), "worker")).append(" spent ")
                .append(Durations.human(taskWaitNanos))
                .append(" sleeping, parked, in Object.wait or in I/O while running tasks (not counting their idle")
                .append(" waits for work or fork/join joins), of ").append(Durations.human(executor.busyNanos()))
                .append(" of task run time; tasks were still waiting in its queue at the end of ")
                .append(percent(executor.queuedShare())).append(" of its periods");
        if (!queueWait.isEmpty()) {
            explanation.append(" and waited ").append(Durations.human(queueWait.p50Nanos()))
                    .append(" there at the median, ").append(Durations.human(queueWait.p99Nanos())).append(" at p99");
        }
        explanation.append('.');
        if (site != null) {
            explanation.append(" The workers waited most at ").append(site)
                    .append(blockingCall == null ? "" : " (in " + blockingCall + ")").append(", ")
                    .append(percent(Math.min(1.0, (double) sites.get(0).waitNanos() / taskWaitNanos)))
                    .append(" of that time.");
        }
        if (executor.mainSubmitSite() != null) {
            explanation.append(" Tasks were submitted mostly at ").append(executor.mainSubmitSite().frame())
                    .append('.');
        }
        explanation.append(" A worker that waits holds one of the pool's ").append(count(executor.threadLimit(), "thread"))
                .append(" without using a CPU, so the tasks queued behind it wait for a thread, not for a CPU.");
        if (commonPool) {
            explanation.append(" The common pool is shared by parallel streams and CompletableFuture.*Async tasks")
                    .append(" across the JVM and sized for CPU work (by default one thread fewer than the CPUs): blocking its")
                    .append(" workers delays all of them.");
        }

        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("workerTaskWaitShare", share);
        metrics.put("workerTaskWaitMs", Durations.millis(taskWaitNanos));
        metrics.put("queuedPeriodShare", executor.queuedShare());
        if (!queueWait.isEmpty()) {
            metrics.put("queueWaitP50Ms", Durations.millis(queueWait.p50Nanos()));
            metrics.put("queueWaitP99Ms", Durations.millis(queueWait.p99Nanos()));
        }
        metrics.put("threads", (double) executor.threadLimit());
        return new Finding(
                FindingKind.EXECUTOR_STARVATION,
                commonPool ? SEVERITY_COMMON_POOL : SEVERITY,
                title.toString(),
                explanation.toString(),
                advice(executor, site, commonPool),
                null,
                sites.stream().limit(MAX_SITES_LISTED).toList(),
                workers.stream().filter(worker -> worker.taskWaitNanos() > 0).limit(MAX_THREADS_LISTED)
                        .map(ThreadActivity::name).toList(),
                metrics,
                executor.ref());
    }

    private static String advice(Executor executor, String site, boolean commonPool) {
        String where = site == null ? "" : " (at " + site + ")";
        StringBuilder advice = new StringBuilder("Move the blocking I/O").append(where).append(" off pool ")
                .append(executor.name()).append(Pools.createdAt(executor))
                .append(" to a dedicated pool sized for I/O (about as many threads as calls in flight), or to")
                .append(" virtual threads on JDK 21+ (Executors.newVirtualThreadPerTaskExecutor())");
        if (commonPool) {
            advice.append(", passed as the executor of CompletableFuture.supplyAsync/runAsync instead of the common")
                    .append(" pool (parallel streams run in the common pool too: don't block in them),")
                    .append(" and keep the common pool for CPU-bound work");
        } else {
            advice.append(", and keep this pool, sized for the cores, for CPU-bound work");
        }
        advice.append('.');
        if (executor.isForkJoinPool()) {
            advice.append(" Where a blocking call cannot move, wrap it in ForkJoinPool.managedBlock so that the pool")
                    .append(" adds a thread while it blocks.");
        } else {
            advice.append(" If the pool's work is all blocking, size it for its waits rather than for the cores.");
        }
        return advice.toString();
    }

    /**
     * The JDK method the application called to wait, the frame just above the site in its stack, e.g.
     * {@code Thread.sleep} or {@code CompletableFuture.join}; {@code null} when the site is the top frame.
     */
    static String blockingCall(CallSite site) {
        int index = site.stack().indexOf(site.frame());
        if (index <= 0) {
            return null;
        }
        String frame = site.stack().get(index - 1);
        int paren = frame.indexOf('(');
        return ExecutorStarvationDetector.shortMethod(paren < 0 ? frame : frame.substring(0, paren));
    }

    private BlockingWorkStarvation() {}
}
