// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.aggregate;

import java.util.List;

/**
 * One {@code contention.ExecutorStats} event as plain values: one pool's statistics for one period (about a
 * second). Sizes the agent did not know are {@link contention.analyzer.model.Executor#UNKNOWN}.
 *
 * @param poolId the agent's id of the pool
 * @param poolName the pool's name, or {@code null}
 * @param poolClass the executor's class, or {@code null}
 * @param creationStack where the pool was created, innermost frame first; empty when unknown
 * @param corePoolSize core size (a ForkJoinPool's parallelism)
 * @param maximumPoolSize maximum size
 * @param periodNanos how long the period was
 * @param submitted tasks accepted in the period
 * @param completed tasks that finished in the period
 * @param rejected tasks rejected in the period
 * @param callerRuns tasks a full pool's {@code CallerRunsPolicy} ran on the submitting thread in the period
 * @param queueDepth tasks in the queue at the end of the period
 * @param maxQueueDepth the largest queue depth seen at a submit in the period
 * @param poolSize worker threads alive at the end of the period
 * @param activeThreads threads running a task at the end of the period
 * @param busyNanos run times of the tasks that finished in the period, summed
 * @param queueWaitHistogram bucket counts of a sample of queue waits, in the agent's encoding, or {@code null}
 * @param runTimeHistogram bucket counts of the run times of the tasks that finished, or {@code null}
 * @param endEpochNanos when the period ended (the event's time), nanoseconds since the epoch
 */
public record ExecutorPeriod(
        long poolId,
        String poolName,
        String poolClass,
        List<String> creationStack,
        int corePoolSize,
        int maximumPoolSize,
        long periodNanos,
        long submitted,
        long completed,
        long rejected,
        long callerRuns,
        int queueDepth,
        int maxQueueDepth,
        int poolSize,
        int activeThreads,
        long busyNanos,
        String queueWaitHistogram,
        String runTimeHistogram,
        long endEpochNanos) {

    public ExecutorPeriod {
        creationStack = creationStack == null ? List.of() : List.copyOf(creationStack);
    }
}
