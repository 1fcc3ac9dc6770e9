// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.bootstrap;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sampled holds a thread is in: which locks, since when, and how many times each was re-entered since; plus
 * the one monitor acquisition it is about to sample. A thread holds few locks at once; beyond {@link #MAX_NESTED}
 * sampled holds the further ones are not sampled.
 *
 * <p>Assumptions and guarantees: thread-confined (one instance per thread through {@link #current()}), except
 * {@link #OPEN}, which every thread reads so that a release with no sample open anywhere costs no thread-local
 * look-up; never allocates after construction.
 */
final class HoldSamples {

    static final int MAX_NESTED = 8;

    /**
     * What one {@code System.nanoTime()} adds to a timed interval: a sampled hold is read from one clock read to
     * the next, so it includes one clock's latency (24 ns on a 2-vCPU VM), as much as a {@code StringBuffer}
     * append holds its monitor. Subtracted from every sampled hold once {@link #setClockCostNanos} has measured
     * it; 0 until then.
     */
    private static volatile long clockCostNanos;

    /** Sampled holds and sampled monitor entries open on all threads; 0 most of the time. */
    static final AtomicInteger OPEN = new AtomicInteger();

    private static final ThreadLocal<HoldSamples> CURRENT = new ThreadLocal<HoldSamples>() {
        @Override
        protected HoldSamples initialValue() {
            return new HoldSamples();
        }
    };

    private final Object[] locks = new Object[MAX_NESTED];
    private final LockState[] states = new LockState[MAX_NESTED];
    private final long[] startNanos = new long[MAX_NESTED];
    private final int[] reentries = new int[MAX_NESTED];
    private int size;

    // The sampled monitor entry: set just before monitorenter, taken just after it.
    Object enteringMonitor;
    int enteringSite;
    Object enteringOwner; // whose lock the monitor is counted for, when not its own (a map's bin); else null

    static HoldSamples current() {
        return CURRENT.get();
    }

    boolean isEmpty() {
        return size == 0;
    }

    void begin(Object lock, LockState state, long now) {
        dropAbandonedMonitors();
        if (size < MAX_NESTED) {
            locks[size] = lock;
            states[size] = state;
            startNanos[size] = now;
            reentries[size] = 0;
            size++;
            OPEN.incrementAndGet();
        }
    }

    /** Whether a sampled hold of {@code lock} is open on this thread. */
    boolean holds(Object lock) {
        return indexOf(lock) >= 0;
    }

    /** {@code lock} is entered again while its sampled hold is open: true if so (then its exit is not the last). */
    boolean reenter(Object lock) {
        int i = indexOf(lock);
        if (i < 0) {
            return false;
        }
        if (states[i].monitor && !Thread.holdsLock(lock)) {
            removeAt(i); // left by an exception, unseen: this is a new acquisition, not a re-entry
            return false;
        }
        reentries[i]++;
        return true;
    }

    /** One exit of {@code lock}: ends its sampled hold if this is the outermost exit. */
    void exit(Object lock, long now) {
        int i = indexOf(lock);
        if (i >= 0) {
            if (reentries[i] > 0) {
                reentries[i]--;
            } else {
                endAt(i, now);
            }
        }
    }

    /** Ends the sampled hold of {@code lock}, if there is one, and records its duration. */
    void end(Object lock, long now) {
        int i = indexOf(lock);
        if (i >= 0) {
            endAt(i, now);
        }
    }

    void startEntering(Object monitor, int site, Object owner) {
        enteringMonitor = monitor;
        enteringSite = site;
        enteringOwner = owner;
        OPEN.incrementAndGet();
    }

    /** The monitor whose entry was being timed, now entered; null if none was. */
    Object takeEntering() {
        Object monitor = enteringMonitor;
        if (monitor != null) {
            enteringMonitor = null;
            enteringOwner = null;
            OPEN.decrementAndGet();
        }
        return monitor;
    }

    private int indexOf(Object lock) {
        for (int i = size - 1; i >= 0; i--) {
            if (locks[i] == lock) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Forgets the sampled holds of monitors this thread no longer holds: a {@code synchronized} block left by an
     * exception releases its monitor in javac's handler, where the agent adds no call.
     */
    private void dropAbandonedMonitors() {
        for (int i = size - 1; i >= 0; i--) {
            if (states[i].monitor && !Thread.holdsLock(locks[i])) {
                removeAt(i);
            }
        }
    }

    private void endAt(int i, long now) {
        states[i].recordSampledHold(Math.max(0, now - startNanos[i] - clockCostNanos));
        removeAt(i);
    }

    /** Sets the latency of one clock read, which every later sampled hold is corrected by. */
    static void setClockCostNanos(long nanos) {
        clockCostNanos = Math.max(0, nanos);
    }

    private void removeAt(int i) {
        // Locks are usually released in reverse order; close the gap when they are not.
        System.arraycopy(locks, i + 1, locks, i, size - i - 1);
        System.arraycopy(states, i + 1, states, i, size - i - 1);
        System.arraycopy(startNanos, i + 1, startNanos, i, size - i - 1);
        System.arraycopy(reentries, i + 1, reentries, i, size - i - 1);
        size--;
        locks[size] = null;
        states[size] = null;
        OPEN.decrementAndGet();
    }
}
