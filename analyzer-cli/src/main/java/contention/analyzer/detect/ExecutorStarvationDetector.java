// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.detect;

import static contention.analyzer.detect.Pools.count;
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
 * Pools whose tasks can't get a thread, by two rules, at most one finding per pool.
 *
 * <p>First rule: a bounded pool whose workers block waiting for tasks of the same pool ({@code Future.get},
 * {@code CompletableFuture.join}): each such worker holds a thread the awaited task may need, and when all do,
 * the pool stalls (thread-starvation deadlock). Reads the agent's per-pool statistics and its workers' waits
 * ({@code contention.PoolBlocked}); reports one finding per such pool, naming the pool, its class, where its
 * workers waited and where its tasks were submitted.
 *
 * <p>selfBlockedShare = the workers' waits for tasks of their own pool / the pool's task run time (the waits
 * happen inside tasks, so they are part of it). A wait whose awaited pool the agent did not know counts as
 * the pool's own when the pool is bounded: that is the case that starves. In a ForkJoinPool,
 * {@code ForkJoinTask.join}, {@code invoke} and {@code get} do not count: there a join runs other queued tasks
 * while it waits (work-stealing), which is the pattern the advice recommends, not the problem.
 *
 * <p>Second rule ({@link BlockingWorkStarvation}), for pools the first does not flag: a bounded pool whose workers
 * spend most of their task time off CPU (sleeping, parked, blocking I/O) while tasks wait in its queue in most
 * periods: blocking work holds the threads that its other tasks need.
 */
public final class ExecutorStarvationDetector implements Detector {

    /*
     * Half of the pool's task time spent waiting for its own tasks: at that point, on average half of its
     * threads hold a slot while doing nothing, and a burst of such tasks takes every thread. Below it, waits
     * for the pool's own tasks are a cost (reported by the pool's run time) rather than a stall. A ratio, 0..1.
     */
    static final double MIN_SELF_BLOCKED_SHARE = 0.50;

    // Below this total wait for its own tasks, a pool's waits are too short to report however large their share,
    // as for hot locks (HotLockDetector.MIN_WAIT_NANOS).
    static final long MIN_SELF_BLOCKED_NANOS = 100_000_000L /* 100 ms */;

    // A stall of the pool, or one waiting to happen: the most urgent level.
    static final Severity SEVERITY = Severity.CRITICAL;

    // A ForkJoinPool's joins help: the joining worker runs queued tasks until the joined one is done.
    static final String FORK_JOIN_TASK_METHODS = "java.util.concurrent.ForkJoinTask.";

    static final int MAX_SITES_LISTED = 3;
    static final int MAX_THREADS_LISTED = 20;

    @Override
    public FindingKind kind() {
        return FindingKind.EXECUTOR_STARVATION;
    }

    @Override
    public Set<String> requiredEvents() {
        return Set.of(EventNames.EXECUTOR_STATS, EventNames.POOL_BLOCKED);
    }

    @Override
    public List<Finding> detect(Profile profile) {
        List<Finding> findings = new ArrayList<>();
        for (Executor executor : profile.executors()) {
            Finding finding = selfBlocked(profile, executor);
            if (finding == null) {
                // One finding per pool: waiting for its own tasks is the graver cause, and names its waits.
                finding = BlockingWorkStarvation.check(profile, executor);
            }
            if (finding != null) {
                findings.add(finding);
            }
        }
        return findings;
    }

    // The first rule: workers blocked on tasks of their own pool.
    private static Finding selfBlocked(Profile profile, Executor executor) {
        if (executor.isOtherPools() || executor.blockedWaits().isEmpty()) {
            return null;
        }
        long selfBlockedNanos = selfBlockedNanos(executor);
        if (selfBlockedNanos < MIN_SELF_BLOCKED_NANOS) {
            return null;
        }
        double share = selfBlockedShare(executor, selfBlockedNanos);
        if (share < MIN_SELF_BLOCKED_SHARE) {
            return null;                                         // cheap verdict first
        }
        return finding(profile, executor, selfBlockedNanos, share);
    }

    /** Whether a worker's wait through {@code wait.method()} was for a task of its own pool, and can starve it. */
    static boolean waitsForOwnPool(Executor executor, Executor.BlockedWait wait) {
        if (executor.isForkJoinPool() && wait.method().startsWith(FORK_JOIN_TASK_METHODS)) {
            return false;
        }
        return wait.awaitedPoolId() == executor.id()
                || (wait.awaitedPoolId() == Executor.UNKNOWN && executor.bounded());
    }

    static long selfBlockedNanos(Executor executor) {
        long nanos = 0;
        for (Executor.BlockedWait wait : executor.blockedWaits()) {
            if (waitsForOwnPool(executor, wait)) {
                nanos += wait.waitNanos();
            }
        }
        return nanos;
    }

    // A task still blocked at the end of the recording has not added its run time yet: never above 1.
    static double selfBlockedShare(Executor executor, long selfBlockedNanos) {
        long busy = Math.max(executor.busyNanos(), selfBlockedNanos);
        return busy == 0 ? 0.0 : (double) selfBlockedNanos / busy;
    }

    private static Finding finding(Profile profile, Executor executor, long selfBlockedNanos, double share) {
        Executor.BlockedWait worst = executor.blockedWaits().stream()
                .filter(wait -> waitsForOwnPool(executor, wait))
                .findFirst()
                .orElseThrow();
        long waits = executor.blockedWaits().stream().filter(wait -> waitsForOwnPool(executor, wait))
                .mapToLong(Executor.BlockedWait::count).sum();
        String site = executor.blockedSites().isEmpty() ? null : executor.blockedSites().get(0).frame();
        String title = "Pool " + Pools.label(executor) + " starves itself: its workers spent " + percent(share)
                + " of their task time blocked in " + shortMethod(worst.method()) + " waiting for tasks of the same pool"
                + (site == null ? "" : ", most at " + site);

        StringBuilder explanation = new StringBuilder();
        explanation.append("A worker that blocks on a task of its own pool holds one of the pool's threads while")
                .append(" the awaited task may still sit in the queue behind it; when every worker waits this way,")
                .append(" no thread is left to run the tasks they wait for and the pool stalls (thread-starvation")
                .append(" deadlock). Its workers waited ").append(count(waits, "time")).append(", ")
                .append(Durations.human(selfBlockedNanos)).append(" in all, during ")
                .append(Durations.human(executor.busyNanos())).append(" of task run time.");
        if (executor.blockedWaits().stream().anyMatch(wait -> wait.awaitedPoolId() == Executor.UNKNOWN
                && waitsForOwnPool(executor, wait))) {
            explanation.append(" Waits for tasks whose pool the agent could not tell count as the pool's own,")
                    .append(" since it has a bounded number of threads.");
        }
        if (executor.name().equals("ForkJoinPool.commonPool")) {
            explanation.append(" The common pool is shared by parallel streams and CompletableFuture.*Async tasks")
                    .append(" across the JVM: blocking its workers stalls them all.");
        }

        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("selfBlockedShare", share);
        metrics.put("selfBlockedMs", Durations.millis(selfBlockedNanos));
        if (executor.bounded()) {
            metrics.put("threads", (double) executor.threadLimit());
        }
        return new Finding(
                FindingKind.EXECUTOR_STARVATION,
                SEVERITY,
                title,
                explanation.toString(),
                advice(executor, site),
                null,
                executor.blockedSites().stream().limit(MAX_SITES_LISTED).toList(),
                executor.blockedThreads().stream().limit(MAX_THREADS_LISTED).toList(),
                metrics,
                executor.ref());
    }

    private static String advice(Executor executor, String site) {
        return "Don't block a worker of pool " + executor.name() + Pools.createdAt(executor)
                + " on another task of the same pool" + (site == null ? "" : " (at " + site + ")")
                + ": compose the tasks with thenCompose, thenCombine or allOf and join only outside the pool,"
                + " submit the inner tasks to a separate executor, or in a ForkJoinPool fork() the subtasks and"
                + " join() them, which runs queued tasks while it waits.";
    }

    // "java.util.concurrent.FutureTask.get" as "FutureTask.get".
    static String shortMethod(String method) {
        int methodDot = method.lastIndexOf('.');
        int classDot = methodDot <= 0 ? -1 : method.lastIndexOf('.', methodDot - 1);
        return classDot < 0 ? method : method.substring(classDot + 1);
    }
}
