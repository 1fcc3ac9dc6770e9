// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.bootstrap;

/**
 * A per-thread re-entrancy guard: the agent's own work (JFR commits, its registry) may take the very locks the
 * agent instruments, and must neither be measured nor recurse.
 *
 * <p>Usage: {@code if (CallDepth.enter()) { try { ... } finally { CallDepth.exit(); } }}. {@link #enter()} returns
 * true if and only if the thread is not already inside the agent.
 */
public final class CallDepth {

    private static final ThreadLocal<int[]> DEPTH = new ThreadLocal<int[]>() {
        @Override
        protected int[] initialValue() {
            return new int[1];
        }
    };

    /** Enters the agent; false if this thread already is inside it (then do not call {@link #exit()}). */
    public static boolean enter() {
        int[] depth = DEPTH.get();
        if (depth[0] > 0) {
            return false;
        }
        depth[0] = 1;
        return true;
    }

    public static void exit() {
        DEPTH.get()[0] = 0;
    }

    private CallDepth() {}
}
