// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.aggregate;

import contention.analyzer.model.WaitStack;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Total wait per distinct (stack, lock class), bounded: beyond {@link #MAX_DISTINCT_STACKS} stacks, waits
 * are folded into one {@value WaitStack#OTHER_FRAME} stack per lock class.
 *
 * <p>Assumptions and guarantees: single writer; memory is bounded by the cap and the number of lock
 * classes, never by the number of events.
 */
public final class CollapsedStacks {

    // Enough for a flame graph of any real program's contention; more only costs memory in huge recordings.
    static final int MAX_DISTINCT_STACKS = 10_000;

    private record Key(List<String> stackLeafFirst, String lockClass) {}

    private final int maxDistinctStacks;
    private final Map<Key, long[]> waitNanosByStack = new HashMap<>();
    private final Map<String, long[]> otherWaitNanosByLock = new HashMap<>();

    CollapsedStacks() {
        this(MAX_DISTINCT_STACKS);
    }

    CollapsedStacks(int maxDistinctStacks) {
        this.maxDistinctStacks = maxDistinctStacks;
    }

    void add(List<String> stackLeafFirst, String lockClass, long nanos) {
        Key key = new Key(stackLeafFirst, lockClass);
        long[] wait = waitNanosByStack.get(key);
        if (wait == null) {
            if (waitNanosByStack.size() >= maxDistinctStacks) {
                otherWaitNanosByLock.computeIfAbsent(lockClass, k -> new long[1])[0] += nanos;
                return;
            }
            wait = new long[1];
            waitNanosByStack.put(new Key(List.copyOf(stackLeafFirst), lockClass), wait);
        }
        wait[0] += nanos;
    }

    /** Adds every stack of {@code other} whose lock class {@code keep} accepts, its folded waits included. */
    void addAll(CollapsedStacks other, Predicate<String> keep) {
        other.waitNanosByStack.forEach((key, nanos) -> {
            if (keep.test(key.lockClass())) {
                add(key.stackLeafFirst(), key.lockClass(), nanos[0]);
            }
        });
        other.otherWaitNanosByLock.forEach((lockClass, nanos) -> {
            if (keep.test(lockClass)) {
                otherWaitNanosByLock.computeIfAbsent(lockClass, k -> new long[1])[0] += nanos[0];
            }
        });
    }

    List<WaitStack> toWaitStacks() {
        List<WaitStack> stacks = new ArrayList<>(waitNanosByStack.size() + otherWaitNanosByLock.size());
        waitNanosByStack.forEach((key, nanos) -> {
            List<String> rootFirst = new ArrayList<>(key.stackLeafFirst());
            Collections.reverse(rootFirst);
            stacks.add(new WaitStack(rootFirst, key.lockClass(), nanos[0]));
        });
        otherWaitNanosByLock.forEach((lockClass, nanos) ->
                stacks.add(new WaitStack(List.of(WaitStack.OTHER_FRAME), lockClass, nanos[0])));
        stacks.sort(Comparator.comparingLong(WaitStack::waitNanos).reversed()
                .thenComparing(stack -> String.join(";", stack.frames()) + ";" + stack.lockClass()));
        return stacks;
    }
}
