// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.aggregate;

import contention.analyzer.model.LockWindow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One lock's waits, holds and waiting threads by window of {@link #WINDOW_NANOS}, aligned to the epoch's seconds so
 * that the sources of one lock (JFR's monitor events, the agent's periods and wait events) fall into the same
 * windows without knowing where the recording starts.
 *
 * <p>Assumptions and guarantees: single writer; events arrive in any order. A wait or period that spans windows is
 * shared out in proportion to its overlap with each. Memory per lock is bounded by {@link #MAX_WINDOWS} windows of
 * at most {@link #MAX_THREADS_PER_WINDOW} thread ids; beyond that the oldest windows are dropped.
 */
final class LockTimeline {

    /** A second: long enough for a few hundred handovers of a busy lock, short enough to show phases. */
    static final long WINDOW_NANOS = 1_000_000_000L;

    // Memory bound: two hours of windows per lock.
    static final int MAX_WINDOWS = 7_200;

    // Threads told apart per window; a lock with more waiters than this serializes them whatever their number.
    static final int MAX_THREADS_PER_WINDOW = 256;

    private final TreeMap<Long, Window> windows = new TreeMap<>();
    private boolean holdKnown;

    /** One wait of {@code nanos} by one thread, ending at {@code endEpochNanos}. */
    void addWait(long endEpochNanos, long nanos, long threadId) {
        long start = endEpochNanos - Math.max(0, nanos);
        spread(start, endEpochNanos, (window, share) -> {
            window.waitNanos += Math.round(nanos * share);
            window.addThread(threadId);
        });
    }

    /** A thread that waited at {@code epochNanos}, its wait counted elsewhere (in the agent's periods). */
    void addWaitingThread(long epochNanos, long threadId) {
        window(Math.floorDiv(epochNanos, WINDOW_NANOS)).addThread(threadId);
    }

    /**
     * One of the agent's periods of this lock: its wait and (estimated) hold time, and how many distinct threads
     * waited in it.
     */
    void addPeriod(long endEpochNanos, long periodNanos, long waitNanos, long holdNanos, int waitingThreads) {
        holdKnown = true;
        spread(endEpochNanos - Math.max(0, periodNanos), endEpochNanos, (window, share) -> {
            window.waitNanos += Math.round(waitNanos * share);
            window.holdNanos += Math.round(holdNanos * share);
            window.countedThreads = Math.max(window.countedThreads, waitingThreads);
        });
    }

    /** Adds another timeline of the same lock (JFR's waits for a monitor whose holds the agent sampled). */
    void addAll(LockTimeline other) {
        holdKnown |= other.holdKnown;
        for (Map.Entry<Long, Window> entry : other.windows.entrySet()) {
            Window mine = window(entry.getKey());
            Window theirs = entry.getValue();
            mine.waitNanos += theirs.waitNanos;
            mine.holdNanos += theirs.holdNanos;
            mine.countedThreads = Math.max(mine.countedThreads, theirs.countedThreads);
            for (int i = 0; i < theirs.size; i++) {
                mine.addThread(theirs.threadIds[i]);
            }
        }
    }

    /**
     * The windows that overlap {@code [startEpochNanos, endEpochNanos)} and in which the lock was waited for or held,
     * cut to it, earliest first, with the execution samples of each window's waiting threads ({@code waiters} where
     * a window names none, as the agent's periods only count them); {@code samples} null when there are none. A
     * second without a window is one in which nothing happened to the lock: listing every second of a long recording
     * for every lock would cost locks times seconds.
     */
    List<LockWindow> toWindows(long startEpochNanos, long endEpochNanos, ExecutionSamples.Inside samples,
            long[] waiters) {
        List<LockWindow> list = new ArrayList<>();
        if (endEpochNanos <= startEpochNanos) {
            return list;
        }
        long first = Math.floorDiv(startEpochNanos, WINDOW_NANOS);
        long last = Math.floorDiv(endEpochNanos - 1, WINDOW_NANOS);
        for (Map.Entry<Long, Window> entry : windows.subMap(first, true, last, true).entrySet()) {
            long index = entry.getKey();
            Window window = entry.getValue();
            if (window.waitNanos == 0 && window.holdNanos == 0 && window.threads() == 0) {
                continue;
            }
            long from = Math.max(startEpochNanos, index * WINDOW_NANOS);
            long to = Math.min(endEpochNanos, (index + 1) * WINDOW_NANOS);
            long[] counted = samples == null ? new long[2]
                    : window.size > 0 ? samples.count(index, window.threadIds, window.size)
                    : samples.count(index, waiters, waiters.length);
            list.add(new LockWindow(from - startEpochNanos, to - from, window.waitNanos,
                    holdKnown ? window.holdNanos : LockWindow.UNKNOWN, window.threads(), counted[0], counted[1]));
        }
        return list;
    }

    private interface Share {
        void add(Window window, double share);
    }

    private void spread(long startEpochNanos, long endEpochNanos, Share share) {
        long first = Math.floorDiv(startEpochNanos, WINDOW_NANOS);
        long last = Math.floorDiv(Math.max(startEpochNanos, endEpochNanos - 1), WINDOW_NANOS);
        long length = endEpochNanos - startEpochNanos;
        if (length <= 0 || first == last) {
            share.add(window(first), 1.0);
            return;
        }
        for (long index = first; index <= last; index++) {
            long from = Math.max(startEpochNanos, index * WINDOW_NANOS);
            long to = Math.min(endEpochNanos, (index + 1) * WINDOW_NANOS);
            share.add(window(index), (double) (to - from) / length);
        }
    }

    private Window window(long index) {
        Window window = windows.get(index);
        if (window == null) {
            window = new Window();
            windows.put(index, window);
            if (windows.size() > MAX_WINDOWS) {
                windows.pollFirstEntry();
            }
        }
        return window;
    }

    /** Sums of one window; thread ids in a small array, since a window rarely sees more than a few dozen. */
    private static final class Window {
        long waitNanos;
        long holdNanos;
        int countedThreads; // the agent's count of distinct waiting threads, when it gives no ids
        long[] threadIds = new long[4];
        int size;

        void addThread(long threadId) {
            for (int i = 0; i < size; i++) {
                if (threadIds[i] == threadId) {
                    return;
                }
            }
            if (size == MAX_THREADS_PER_WINDOW) {
                return;
            }
            if (size == threadIds.length) {
                threadIds = Arrays.copyOf(threadIds, Math.min(MAX_THREADS_PER_WINDOW, size * 2));
            }
            threadIds[size++] = threadId;
        }

        int threads() {
            return Math.max(size, countedThreads);
        }
    }
}
