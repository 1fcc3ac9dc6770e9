// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.fake;

import contention.analyzer.testing.SyntheticEvents;

/**
 * Stands in for the agent's {@code LockAdviceHelper} in tests: it lives in a {@code contention.agent.} package
 * and commits {@code contention.LockWait} itself, so the waiting stack starts with agent frames, as the real
 * agent's does, and the analyzer must strip them.
 */
public final class FakeLockAdviceHelper {

    /** Writes one {@code contention.LockWait} from inside the "agent". */
    public static void recordWait(long lockId, String lockClass, long waitNanos, int weight) {
        commit(lockId, lockClass, waitNanos, weight);
    }

    private static void commit(long lockId, String lockClass, long waitNanos, int weight) {
        SyntheticEvents.LockWait event = new SyntheticEvents.LockWait();
        event.lockId = lockId;
        event.lockClass = lockClass;
        event.waitNanos = waitNanos;
        event.mode = "exclusive";
        event.weight = weight;
        event.acquired = true;
        event.commit();
    }

    private FakeLockAdviceHelper() {}
}
