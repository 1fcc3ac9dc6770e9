// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.model;

import java.util.List;
import java.util.Objects;

/**
 * Everything the recording says about one lock: how long and how often threads waited for it, which
 * threads, where in the code, and, when the agent timed it, where it was created and how long it was held.
 *
 * @param id the lock's identity
 * @param waitNanos total time threads waited to acquire it
 * @param waitCount number of waits (for the agent's locks, its count of contended acquisitions)
 * @param waitingThreads distinct threads that waited for it; at least {@code waiters.size()}, more when the
 *     agent counted waiting threads whose waits were not sampled
 * @param waiters the threads that waited for it, longest total wait first
 * @param sites the call sites where threads waited, longest total wait first (the top ones only)
 * @param allocationStack the frames that allocated the lock, innermost first; empty when unknown
 * @param usage acquisitions and hold time as the agent estimated them, or {@code null} when unknown
 * @param timeline wait and hold time by window of about a second over the recording, earliest first; empty when
 *     not known
 */
public record Lock(
        LockId id,
        long waitNanos,
        long waitCount,
        int waitingThreads,
        List<ThreadWait> waiters,
        List<CallSite> sites,
        List<String> allocationStack,
        Usage usage,
        List<LockWindow> timeline) {

    public Lock {
        Objects.requireNonNull(id, "id");
        waiters = List.copyOf(waiters);
        sites = List.copyOf(sites);
        allocationStack = List.copyOf(allocationStack);
        timeline = List.copyOf(timeline);
        waitingThreads = Math.max(waitingThreads, waiters.size());
    }

    /** A lock without a timeline. */
    public Lock(LockId id, long waitNanos, long waitCount, int waitingThreads, List<ThreadWait> waiters,
            List<CallSite> sites, List<String> allocationStack, Usage usage) {
        this(id, waitNanos, waitCount, waitingThreads, waiters, sites, allocationStack, usage, List.of());
    }

    /** A lock known from JFR's wait events only: no allocation stack, no hold time. */
    public Lock(LockId id, long waitNanos, long waitCount, List<ThreadWait> waiters, List<CallSite> sites,
            List<LockWindow> timeline) {
        this(id, waitNanos, waitCount, waiters.size(), waiters, sites,
                id.allocationSite() == null ? List.of() : List.of(id.allocationSite()), null, timeline);
    }

    /** A lock known from JFR's wait events only, without a timeline. */
    public Lock(LockId id, long waitNanos, long waitCount, List<ThreadWait> waiters, List<CallSite> sites) {
        this(id, waitNanos, waitCount, waiters, sites, List.of());
    }

    /** The lock's class name. */
    public String className() {
        return id.className();
    }

    /** The call site with the largest total wait, or {@code null} when no waiting stack was recorded. */
    public CallSite worstSite() {
        return sites.isEmpty() ? null : sites.get(0);
    }

    /**
     * One thread's total wait for one lock.
     *
     * @param threadId the thread's key in {@link ThreadActivity#id()}
     * @param waitNanos how long this thread waited for the lock in total
     */
    public record ThreadWait(long threadId, long waitNanos) {}

    /**
     * What the agent measured of a lock's use: acquisitions and hold time (estimated from a sample), the share of
     * the recording it was held, and whether it is fair (hands itself to the longest waiter).
     *
     * @param acquisitions estimated acquisitions, contended or not
     * @param holdNanos estimated total time the lock was held
     * @param utilization hold time as a share of the recording's duration, 0..1 (IBM JLM's %UTIL)
     * @param fair whether the lock hands itself to the longest waiter
     */
    public record Usage(long acquisitions, long holdNanos, double utilization, boolean fair) {}
}
