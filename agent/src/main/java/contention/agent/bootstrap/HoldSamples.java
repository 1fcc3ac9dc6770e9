// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.bootstrap;

/**
 * The sampled holds a thread is in: which locks, since when. A thread holds few locks at once; beyond
 * {@link #MAX_NESTED} sampled holds the further ones are not sampled.
 *
 * <p>Assumptions and guarantees: thread-confined (one instance per thread through {@link #current()}); never
 * allocates after construction.
 */
final class HoldSamples {

    static final int MAX_NESTED = 8;

    private static final ThreadLocal<HoldSamples> CURRENT = new ThreadLocal<HoldSamples>() {
        @Override
        protected HoldSamples initialValue() {
            return new HoldSamples();
        }
    };

    private final Object[] locks = new Object[MAX_NESTED];
    private final LockState[] states = new LockState[MAX_NESTED];
    private final long[] startNanos = new long[MAX_NESTED];
    private int size;

    static HoldSamples current() {
        return CURRENT.get();
    }

    boolean isEmpty() {
        return size == 0;
    }

    void begin(Object lock, LockState state, long now) {
        if (size < MAX_NESTED) {
            locks[size] = lock;
            states[size] = state;
            startNanos[size] = now;
            size++;
        }
    }

    /** Ends the sampled hold of {@code lock}, if there is one, and records its duration. */
    void end(Object lock, long now) {
        for (int i = size - 1; i >= 0; i--) {
            if (locks[i] == lock) {
                states[i].recordSampledHold(now - startNanos[i]);
                // Locks are usually released in reverse order; close the gap when they are not.
                System.arraycopy(locks, i + 1, locks, i, size - i - 1);
                System.arraycopy(states, i + 1, states, i, size - i - 1);
                System.arraycopy(startNanos, i + 1, startNanos, i, size - i - 1);
                size--;
                locks[size] = null;
                states[size] = null;
                return;
            }
        }
    }
}
