// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.aggregate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JFR's execution samples ({@code jdk.ExecutionSample}) by window of {@link LockTimeline#WINDOW_NANOS} and thread,
 * kept so that a lock's serial fraction can be measured once the lock's critical methods are known: the share of its
 * threads' samples taken inside the lock. A sample is a thread running Java code; a monitor's spinning waiter and a
 * parked one are not sampled, so, unlike the time threads did not wait, this share is not diluted by waits JFR did
 * not record or by threads ready to run without a CPU.
 *
 * <p>A sample taken while its thread was acquiring a lock (parked or spinning in the lock's own code) counts
 * neither inside nor outside: the thread was waiting, not working.
 *
 * <p>Assumptions and guarantees: single writer. Stacks are interned as their sets of methods, at most
 * {@link #MAX_STACKS}; counts at most {@link #MAX_COUNTS} (window, thread, stack) entries. Once either is reached
 * no further sample is kept at all (keeping only already-known stacks would skew the later windows toward the
 * early ones): later windows then have no samples and are judged by the time-based estimate.
 */
final class ExecutionSamples {

    // Memory bounds: distinct stacks (as method sets) and counted (window, thread, stack) triples.
    static final int MAX_STACKS = 50_000;
    static final int MAX_COUNTS = 2_000_000;

    private final Map<Set<String>, Integer> stackIds = new HashMap<>();
    private final List<Set<String>> stacks = new ArrayList<>();
    private final Map<Long, Map<Long, Map<Integer, int[]>>> counts = new HashMap<>();
    private int entries;
    private boolean full;

    // Methods of a thread acquiring a lock rather than running code inside or outside it.
    private static final List<String> ACQUIRING = List.of(
            "java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire",
            "java.util.concurrent.locks.AbstractQueuedLongSynchronizer.acquire",
            "java.util.concurrent.locks.LockSupport.park", "jdk.internal.misc.Unsafe.park",
            "java.util.concurrent.locks.StampedLock.acquire", "java.lang.Object.wait");

    /** One sample of a thread at {@code epochNanos} whose stack has these methods ({@code pkg.Class.method}). */
    void add(long threadId, long epochNanos, Set<String> methods) {
        if (full) {
            return;
        }
        Integer id = stackIds.get(methods);
        if (id == null) {
            if (stacks.size() >= MAX_STACKS) {
                full = true;
                return;
            }
            id = stacks.size();
            Set<String> kept = Set.copyOf(methods);
            stacks.add(kept);
            stackIds.put(kept, id);
        }
        Map<Integer, int[]> byStack = counts
                .computeIfAbsent(Math.floorDiv(epochNanos, LockTimeline.WINDOW_NANOS), w -> new HashMap<>())
                .computeIfAbsent(threadId, t -> new HashMap<>());
        int[] count = byStack.get(id);
        if (count == null) {
            if (entries >= MAX_COUNTS) {
                full = true;
                return;
            }
            entries++;
            count = new int[1];
            byStack.put(id, count);
        }
        count[0]++;
    }

    /** Whether any sample was kept. */
    boolean isEmpty() {
        return counts.isEmpty();
    }

    /** A view that tells, per window and set of threads, how many of their samples were inside these methods. */
    Inside inside(Set<String> criticalMethods) {
        return new Inside(criticalMethods);
    }

    private static final int OUTSIDE = 0;
    private static final int INSIDE = 1;
    private static final int ACQUIRING_PLACE = 2;

    /** The samples of some threads in one window, and those inside a lock's critical methods. */
    final class Inside {
        private final Set<String> criticalMethods;
        private final Map<Integer, Integer> placeByStack = new HashMap<>(); // OUTSIDE, INSIDE or ACQUIRING

        private Inside(Set<String> criticalMethods) {
            this.criticalMethods = criticalMethods;
        }

        /** {samples, samples inside} of these threads in the window with this index. */
        long[] count(long windowIndex, long[] threadIds, int threads) {
            long[] result = new long[2];
            Map<Long, Map<Integer, int[]>> window = counts.get(windowIndex);
            if (window == null || criticalMethods.isEmpty()) {
                return result;
            }
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < threads; i++) {
                Map<Integer, int[]> byStack = seen.add(threadIds[i]) ? window.get(threadIds[i]) : null;
                if (byStack == null) {
                    continue;
                }
                for (Map.Entry<Integer, int[]> entry : byStack.entrySet()) {
                    int n = entry.getValue()[0];
                    int place = placeByStack.computeIfAbsent(entry.getKey(), this::placeOf);
                    if (place != ACQUIRING_PLACE) {
                        result[0] += n;
                        result[1] += place == INSIDE ? n : 0;
                    }
                }
            }
            return result;
        }

        private int placeOf(int stackId) {
            boolean inside = false;
            for (String method : stacks.get(stackId)) {
                for (String acquiring : ACQUIRING) {
                    if (method.startsWith(acquiring)) {
                        return ACQUIRING_PLACE;
                    }
                }
                inside |= criticalMethods.contains(method);
            }
            return inside ? INSIDE : OUTSIDE;
        }
    }
}
