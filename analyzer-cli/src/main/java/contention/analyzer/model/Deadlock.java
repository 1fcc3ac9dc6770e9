// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.model;

import java.util.List;

/**
 * Threads each waiting for a lock the next one holds, the last for the first's, as the agent found them
 * ({@code contention.Deadlock}).
 *
 * @param threads the threads of the cycle, in cycle order
 * @param foundEpochNanos when the agent found it, in nanoseconds since the epoch
 */
public record Deadlock(List<DeadlockedThread> threads, long foundEpochNanos) {

    public Deadlock {
        threads = List.copyOf(threads);
    }

    /**
     * One thread of a cycle.
     *
     * @param lock the lock it waits for, {@code class@identity-hash}
     * @param site where it waits, {@code package.Class.method(File.java:LINE)}
     * @param stack the top of its stack, innermost first
     * @param held the locks it holds, {@code class@identity-hash}
     */
    public record DeadlockedThread(String name, String lock, String site, List<String> stack, List<String> held) {

        public DeadlockedThread {
            stack = List.copyOf(stack);
            held = List.copyOf(held);
        }

        /** The class of the lock it waits for. */
        public String lockClass() {
            int at = lock.lastIndexOf('@');
            return at > 0 ? lock.substring(0, at) : lock;
        }
    }
}
