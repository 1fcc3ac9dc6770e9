// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.aggregate;

import contention.analyzer.model.CallSite;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-call-site accumulator for one lock: count, wait, and the wait per distinct stack so the report can
 * show the stack that waited longest.
 *
 * <p>Assumptions and guarantees: single writer; distinct stacks kept per site are capped at
 * {@link #MAX_STACKS_PER_SITE}, waits in further stacks still count toward the site's totals.
 */
public final class SiteStats {

    // Memory bound: a site reached through more stacks than this keeps the totals of all, the stacks of these.
    static final int MAX_STACKS_PER_SITE = 64;

    private final String frame;
    private long count;
    private long waitNanos;
    private final Map<List<String>, long[]> waitNanosByStack = new HashMap<>();

    SiteStats(String frame) {
        this.frame = frame;
    }

    /** Adds {@code count} waits totalling {@code nanos} (count above 1 when one event stands for several). */
    void add(long nanos, long count, List<String> stackLeafFirst) {
        this.count += count;
        waitNanos += nanos;
        long[] stackWait = waitNanosByStack.get(stackLeafFirst);
        if (stackWait == null && waitNanosByStack.size() < MAX_STACKS_PER_SITE) {
            stackWait = new long[1];
            waitNanosByStack.put(List.copyOf(stackLeafFirst), stackWait);
        }
        if (stackWait != null) {
            stackWait[0] += nanos;
        }
    }

    /** Total wait at this site. */
    public long waitNanos() {
        return waitNanos;
    }

    CallSite toCallSite() {
        List<String> worstStack = List.of();
        long worstNanos = -1;
        for (Map.Entry<List<String>, long[]> entry : waitNanosByStack.entrySet()) {
            long nanos = entry.getValue()[0];
            // Ties go to the shorter, then lexicographically smaller stack so reports are reproducible.
            if (nanos > worstNanos || (nanos == worstNanos && compare(entry.getKey(), worstStack) < 0)) {
                worstNanos = nanos;
                worstStack = entry.getKey();
            }
        }
        return new CallSite(frame, waitNanos, count, worstStack);
    }

    private static int compare(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return Integer.compare(a.size(), b.size());
        }
        return String.join(";", a).compareTo(String.join(";", b));
    }
}
