// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.bootstrap;

/**
 * Which synchronizers are locks, and what people call them. A synchronizer's class is the lock's nested
 * {@code Sync}, {@code FairSync} or {@code NonfairSync}; the report names the lock class around it.
 */
final class LockKinds {

    /** Synchronizers that are not locks: waiting on them is coordination (a latch, a pool's worker), not contention. */
    private static final String[] NOT_LOCKS = {
        "java.util.concurrent.CountDownLatch$", "java.util.concurrent.ThreadPoolExecutor$Worker",
    };

    static boolean isLock(Object sync) {
        String name = sync.getClass().getName();
        for (String prefix : NOT_LOCKS) {
            if (name.startsWith(prefix)) {
                return false;
            }
        }
        return !name.equals("java.lang.Object");
    }

    /** The lock class a person knows: {@code ReentrantLock$NonfairSync} is a {@code ReentrantLock}. */
    static String lockClass(Object sync) {
        String name = sync.getClass().getName();
        int nested = name.lastIndexOf('$');
        if (nested > 0 && name.endsWith("Sync") && name.startsWith("java.util.concurrent.")) {
            return name.substring(0, nested);
        }
        return name;
    }

    /**
     * The name of an object's monitor: its class, except a {@code Class} object's monitor (the one
     * {@code static synchronized} methods take), which is that class's, {@code com.acme.Ids.class}.
     */
    static String monitorClass(Object monitor) {
        return monitor instanceof Class ? ((Class<?>) monitor).getName() + ".class" : monitor.getClass().getName();
    }

    /** Whether the lock hands itself over in arrival order (a fair ReentrantLock, ReadWriteLock or Semaphore). */
    static boolean isFair(Object sync) {
        return sync.getClass().getName().endsWith("$FairSync");
    }

    /**
     * How a thread waits: for a read or write side, a permit, or the one exclusive lock. A {@code StampedLock} is
     * its own "synchronizer"; {@code shared} is its read mode.
     */
    static String mode(Object sync, boolean shared) {
        String name = sync.getClass().getName();
        if (name.startsWith("java.util.concurrent.locks.ReentrantReadWriteLock$")) {
            return shared ? "read" : "write";
        }
        if (name.startsWith("java.util.concurrent.Semaphore$")) {
            return "permit";
        }
        if (name.equals("java.util.concurrent.locks.StampedLock")) {
            return shared ? "read" : "write";
        }
        return shared ? "shared" : "exclusive";
    }

    private LockKinds() {}
}
