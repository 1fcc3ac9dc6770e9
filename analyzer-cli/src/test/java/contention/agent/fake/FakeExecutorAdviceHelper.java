// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.fake;

import contention.analyzer.testing.SyntheticEvents;

/**
 * Stands in for the agent's {@code ExecutorAdviceHelper} in tests: it lives in a {@code contention.agent.}
 * package and commits {@code contention.TaskSubmit} and {@code contention.PoolBlocked} itself, so their stacks
 * start with agent frames, as the real agent's do, and the analyzer must strip them.
 */
public final class FakeExecutorAdviceHelper {

    /** Writes one {@code contention.TaskSubmit} from inside the "agent". */
    public static void recordSubmit(long poolId, String poolName, int weight) {
        SyntheticEvents.TaskSubmit event = new SyntheticEvents.TaskSubmit();
        event.poolId = poolId;
        event.poolName = poolName;
        event.weight = weight;
        event.commit();
    }

    /** Writes one {@code contention.PoolBlocked} lasting at least {@code millis}, from inside the "agent". */
    public static void recordBlocked(long poolId, String poolName, long awaitedPoolId, String method, long millis) {
        SyntheticEvents.PoolBlocked event = new SyntheticEvents.PoolBlocked();
        event.begin();
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        event.poolId = poolId;
        event.poolName = poolName;
        event.awaitedPoolId = awaitedPoolId;
        event.method = method;
        event.futureClass = "java.util.concurrent.FutureTask";
        event.commit();
    }

    private FakeExecutorAdviceHelper() {}
}
