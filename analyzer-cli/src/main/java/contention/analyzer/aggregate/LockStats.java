// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.aggregate;

import contention.analyzer.model.CallSite;
import contention.analyzer.model.Lock;
import contention.analyzer.model.LockId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-lock accumulator filled while reading: total wait and count, wait per thread and per call site.
 *
 * <p>Keyed by {@link LockId}: one per class for JFR's monitors and parks; for the agent's lock instances,
 * {@link AgentLockStats} keeps one for the threads, sites and stacks of the weighted wait events.
 *
 * <p>Assumptions and guarantees: single writer; memory is bounded by distinct waiting threads and by
 * {@link #MAX_SITES_PER_LOCK}; waits at further sites count toward the lock's totals but not to a site.
 */
public final class LockStats {

    // Memory bound while reading: a lock waited for at more sites than this folds the rest into its totals.
    static final int MAX_SITES_PER_LOCK = 1_000;

    // Sites kept per lock in the model, longest wait first; renderers show fewer.
    static final int KEPT_SITES_PER_LOCK = 20;

    private final LockId id;
    private long waitNanos;
    private long waitCount;
    private final Map<Long, long[]> waitNanosByThread = new HashMap<>();
    private final Map<String, SiteStats> sites = new HashMap<>();
    private final LockTimeline timeline = new LockTimeline();

    LockStats(LockId id) {
        this.id = id;
    }

    /**
     * Adds {@code count} waits by one thread totalling {@code nanos}; a count above 1 when one event stands
     * for several waits (the agent's sampled short waits).
     */
    void add(long threadId, long nanos, long count, List<String> stackLeafFirst, String siteFrame) {
        add(threadId, nanos, count, stackLeafFirst, siteFrame, Long.MIN_VALUE);
    }

    /** {@link #add} for a wait that ended at {@code endEpochNanos}, which places it in the lock's timeline. */
    void add(long threadId, long nanos, long count, List<String> stackLeafFirst, String siteFrame,
            long endEpochNanos) {
        if (endEpochNanos != Long.MIN_VALUE) {
            timeline.addWait(endEpochNanos, nanos, threadId);
        }
        waitNanos += nanos;
        waitCount += count;
        waitNanosByThread.computeIfAbsent(threadId, k -> new long[1])[0] += nanos;
        if (siteFrame == null) {
            return;
        }
        SiteStats site = sites.get(siteFrame);
        if (site == null && sites.size() < MAX_SITES_PER_LOCK) {
            site = new SiteStats(siteFrame);
            sites.put(siteFrame, site);
        }
        if (site != null) {
            site.add(nanos, count, stackLeafFirst);
        }
    }

    /** This lock's identity. */
    public LockId id() {
        return id;
    }

    /** Total wait for this lock so far. */
    public long waitNanos() {
        return waitNanos;
    }

    /** Number of waits so far. */
    public long waitCount() {
        return waitCount;
    }

    Lock toLock(long recordingStartEpochNanos, long recordingEndEpochNanos, ExecutionSamples samples) {
        List<CallSite> sites = topSites();
        List<Lock.ThreadWait> waiters = waiters();
        return new Lock(id, waitNanos, waitCount, waiters, sites,
                timeline.toWindows(recordingStartEpochNanos, recordingEndEpochNanos,
                        samples.isEmpty() ? null : samples.inside(CriticalMethods.of(sites)), threadIds(waiters)));
    }

    static long[] threadIds(List<Lock.ThreadWait> waiters) {
        return waiters.stream().mapToLong(Lock.ThreadWait::threadId).toArray();
    }

    /** The waits by window, to merge into the agent's timeline of the same lock. */
    LockTimeline timeline() {
        return timeline;
    }

    /** The threads that waited, longest total wait first. */
    List<Lock.ThreadWait> waiters() {
        List<Lock.ThreadWait> waiters = new ArrayList<>();
        waitNanosByThread.forEach((thread, nanos) -> waiters.add(new Lock.ThreadWait(thread, nanos[0])));
        waiters.sort(Comparator.comparingLong(Lock.ThreadWait::waitNanos).reversed()
                .thenComparingLong(Lock.ThreadWait::threadId));
        return waiters;
    }

    /** Two lists of waiters for one lock, by thread, longest total wait first. */
    static List<Lock.ThreadWait> mergeWaiters(List<Lock.ThreadWait> a, List<Lock.ThreadWait> b) {
        Map<Long, Long> byThread = new HashMap<>();
        for (Lock.ThreadWait each : a) {
            byThread.merge(each.threadId(), each.waitNanos(), Long::sum);
        }
        for (Lock.ThreadWait each : b) {
            byThread.merge(each.threadId(), each.waitNanos(), Long::sum);
        }
        List<Lock.ThreadWait> merged = new ArrayList<>();
        byThread.forEach((thread, nanos) -> merged.add(new Lock.ThreadWait(thread, nanos)));
        merged.sort(Comparator.comparingLong(Lock.ThreadWait::waitNanos).reversed()
                .thenComparingLong(Lock.ThreadWait::threadId));
        return merged;
    }

    /** Two lists of sites for one lock, by frame (a site's worst stack is the larger side's), longest wait first. */
    static List<CallSite> mergeSites(List<CallSite> a, List<CallSite> b) {
        Map<String, CallSite> byFrame = new HashMap<>();
        for (List<CallSite> list : List.of(a, b)) {
            for (CallSite site : list) {
                byFrame.merge(site.frame(), site, (x, y) -> new CallSite(x.frame(), x.waitNanos() + y.waitNanos(),
                        x.count() + y.count(), x.waitNanos() >= y.waitNanos() ? x.stack() : y.stack()));
            }
        }
        return byFrame.values().stream()
                .sorted(Comparator.comparingLong(CallSite::waitNanos).reversed().thenComparing(CallSite::frame))
                .limit(KEPT_SITES_PER_LOCK)
                .toList();
    }

    /** The sites kept in the model, longest total wait first. */
    List<CallSite> topSites() {
        return sites.values().stream()
                .map(SiteStats::toCallSite)
                .sorted(Comparator.comparingLong(CallSite::waitNanos).reversed().thenComparing(CallSite::frame))
                .limit(KEPT_SITES_PER_LOCK)
                .toList();
    }
}
