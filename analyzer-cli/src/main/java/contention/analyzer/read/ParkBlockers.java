// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.read;

import java.util.List;

/**
 * Tells which {@code jdk.ThreadPark} blockers are locks: a park on a lock's synchronizer is a lock wait,
 * while parks on conditions, queues, futures or no blocker at all are threads waiting for work.
 */
public final class ParkBlockers {

    /*
     * The blocker of a park is what LockSupport.park(blocker) was given. j.u.c locks pass their AQS
     * synchronizer (ReentrantLock$NonfairSync, ReentrantReadWriteLock$FairSync, Semaphore$NonfairSync) or,
     * for StampedLock, the lock itself. Idle pool workers park on AbstractQueuedSynchronizer$ConditionObject,
     * CountDownLatch$Sync is a latch, not a lock: neither is contention.
     */
    private static final List<String> LOCK_CLASSES = List.of(
            "java.util.concurrent.locks.ReentrantLock",
            "java.util.concurrent.locks.ReentrantReadWriteLock",
            "java.util.concurrent.locks.StampedLock",
            "java.util.concurrent.Semaphore");

    /**
     * The lock class a park blocker belongs to, e.g. {@code java.util.concurrent.locks.ReentrantLock} for
     * {@code java.util.concurrent.locks.ReentrantLock$NonfairSync}, or {@code null} when the blocker is not
     * a lock (including a {@code null} blocker).
     */
    public static String lockClassOf(String blockerClass) {
        if (blockerClass == null) {
            return null;
        }
        for (String lockClass : LOCK_CLASSES) {
            if (blockerClass.equals(lockClass)) {
                return lockClass;
            }
            if (blockerClass.startsWith(lockClass) && blockerClass.charAt(lockClass.length()) == '$') {
                String nested = blockerClass.substring(lockClass.length() + 1);
                if (nested.endsWith("Sync") && nested.indexOf('$') < 0) {
                    return lockClass;
                }
            }
        }
        return null;
    }

    private ParkBlockers() {}
}
