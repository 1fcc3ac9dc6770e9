// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.model;

/**
 * One lock over one window of the recording (about a second): how long threads waited for it and held it, and how
 * many threads waited. The series of these is what tells a lock that serializes a phase of the run from one that
 * was busy for a moment.
 *
 * @param startNanos when the window begins, nanoseconds after the recording's start
 * @param durationNanos how long the window is; the first and last are cut to the recording
 * @param waitNanos time threads waited to acquire the lock within the window
 * @param holdNanos time the lock was held within the window as the agent estimates it, or {@link #UNKNOWN} when
 *     the agent did not time this lock
 * @param threads distinct threads that waited for the lock within the window
 * @param samples JFR's execution samples of those threads within the window (each a thread running Java code)
 * @param samplesInside those of them taken inside the lock's critical section (a stack through a method where
 *     threads waited for the lock)
 */
public record LockWindow(long startNanos, long durationNanos, long waitNanos, long holdNanos, int threads,
        long samples, long samplesInside) {

    /** A window without execution samples. */
    public LockWindow(long startNanos, long durationNanos, long waitNanos, long holdNanos, int threads) {
        this(startNanos, durationNanos, waitNanos, holdNanos, threads, 0, 0);
    }

    /** {@link #holdNanos} of a lock whose holds nobody timed. */
    public static final long UNKNOWN = -1;

    /** Whether the agent timed this lock's holds. */
    public boolean holdKnown() {
        return holdNanos != UNKNOWN;
    }
}
