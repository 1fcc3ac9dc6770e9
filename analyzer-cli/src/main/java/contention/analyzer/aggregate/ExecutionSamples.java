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
 * <p>Assumptions and guarantees: single writer. Stacks are interned as their sets of methods, at most
 * {@link #MAX_STACKS}; counts at most {@link #MAX_COUNTS} (window, thread, stack) entries; samples beyond either
 * are not kept, and a window missing samples is judged without them.
 */
final class ExecutionSamples {

    // Memory bounds: distinct stacks (as method sets) and counted (window, thread, stack) triples.
    static final int MAX_STACKS = 50_000;
    static final int MAX_COUNTS = 2_000_000;

    private final Map<Set<String>, Integer> stackIds = new HashMap<>();
    private final List<Set<String>> stacks = new ArrayList<>();
    private final Map<Long, Map<Long, Map<Integer, int[]>>> counts = new HashMap<>();
    private int entries;

    /** One sample of a thread at {@code epochNanos} whose stack has these methods ({@code pkg.Class.method}). */
    void add(long threadId, long epochNanos, Set<String> methods) {
        Integer id = stackIds.get(methods);
        if (id == null) {
            if (stacks.size() >= MAX_STACKS) {
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

    /** The samples of some threads in one window, and those inside a lock's critical methods. */
    final class Inside {
        private final Set<String> criticalMethods;
        private final Map<Integer, Boolean> insideByStack = new HashMap<>();

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
                    result[0] += n;
                    if (insideByStack.computeIfAbsent(entry.getKey(), this::isInside)) {
                        result[1] += n;
                    }
                }
            }
            return result;
        }

        private boolean isInside(int stackId) {
            for (String method : stacks.get(stackId)) {
                if (criticalMethods.contains(method)) {
                    return true;
                }
            }
            return false;
        }
    }
}
