// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.recording;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Estimates how long the threads of a few busy monitors wait for them, for the {@link GlobalLockWatch}, by looking
 * {@link #SAMPLES_PER_SECOND} times a second at which of those threads are {@code BLOCKED} on which monitor.
 *
 * <p>Why sample states: the agent times no monitor wait (see {@code MonitorHooks}), and JFR's
 * {@code jdk.JavaMonitorEnter} events reach only the report, after the run. Without the waits a monitor could only
 * be judged by how much of the time it was held, which cannot tell 2 threads taking turns from 8 threads queuing. A
 * thread blocked entering a monitor is {@code BLOCKED} with that monitor as its {@link LockInfo}, named by its
 * identity hash; the mean number of a monitor's threads found blocked on it, times the period, estimates their
 * wait, as a profiler's samples estimate time. A wait won by spinning is missed, as in JFR.
 *
 * <p>A worked example: over a 1 s period, 20 looks at the 4 threads of a {@code static synchronized} method found
 * 2, 3, 2, ... of them blocked on its class, 49 in all: they waited an estimated 49 / 20 = 2.45 s.
 *
 * <p>Cost: only threads seen acquiring a candidate monitor in the previous period are looked at (at most
 * {@link #MAX_MONITORS} monitors, {@link #MAX_THREADS} threads), and only while there is a candidate. Asking for
 * thread states without stacks does not stop the JVM at a safepoint.
 *
 * <p>Assumptions and guarantees: {@link #sample} runs on JFR's periodic thread, {@link #takeAndWatch} on whichever
 * thread writes the lock statistics; they synchronize on this object, never on anything of the app's. A failure of
 * the management API (a JVM image without {@code java.management}) stops the sampling for good and is reported
 * once by the caller.
 */
final class MonitorWaitSampler {

    /** Looks per second at the candidates' threads. */
    static final int SAMPLES_PER_SECOND = 20;

    /** Monitors watched at once: the busiest; a global lock is one of them. */
    static final int MAX_MONITORS = 8;

    /** Threads looked at per sample, over all monitors. */
    static final int MAX_THREADS = 64;

    /** One monitor to watch: its lock id, identity hash and the threads seen acquiring it. */
    static final class Candidate {
        final long lockId;
        final int identityHash;
        final long[] threadIds;

        Candidate(long lockId, int identityHash, long[] threadIds) {
            this.lockId = lockId;
            this.identityHash = identityHash;
            this.threadIds = threadIds;
        }
    }

    /** What the looks of one period found for one monitor. */
    static final class Waits {
        /** Looks taken in the period. */
        final int samples;
        /** Threads found blocked on the monitor, summed over the looks. */
        final long blocked;

        Waits(int samples, long blocked) {
            this.samples = samples;
            this.blocked = blocked;
        }

        /** Estimated wait of all its threads together over {@code periodNanos}. */
        long waitNanos(long periodNanos) {
            return samples == 0 ? 0 : Math.round((double) blocked / samples * periodNanos);
        }
    }

    private final ThreadStates states;
    private Map<Integer, Long> lockIdByHash = Map.of();
    private long[] threadIds = new long[0];
    private final Map<Long, long[]> blocked = new HashMap<>(); // lock id -> {blocked threads over the looks}
    // lock id -> {the monitor's identity hash, then up to WAITERS_KEPT threads found blocked on it, 0 for none}
    private Map<Long, long[]> lastBlocked = new HashMap<>();
    private Map<Long, long[]> lastBlockedInPeriod = Map.of(); // the same, for the period takeAndWatch ended
    private int samples;

    MonitorWaitSampler(ThreadStates states) {
        this.states = states;
    }

    /** A sampler over this JVM's threads. */
    static MonitorWaitSampler ofThisJvm() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return new MonitorWaitSampler(threads::getThreadInfo);
    }

    /**
     * Ends the period: returns what the looks found for each monitor watched in it, by lock id, and watches
     * {@code next} (the first {@link #MAX_MONITORS}) from now on.
     */
    synchronized Map<Long, Waits> takeAndWatch(List<Candidate> next) {
        Map<Long, Waits> found = new HashMap<>();
        for (Long lockId : lockIdByHash.values()) {
            long[] counts = blocked.get(lockId);
            found.put(lockId, new Waits(samples, counts == null ? 0 : counts[0]));
        }
        blocked.clear();
        lastBlockedInPeriod = lastBlocked;
        lastBlocked = new HashMap<>();
        samples = 0;
        Map<Integer, Long> byHash = new HashMap<>();
        long[] ids = new long[MAX_THREADS];
        int n = 0;
        for (Candidate c : next) {
            if (byHash.size() == MAX_MONITORS) {
                break;
            }
            byHash.put(c.identityHash, c.lockId);
            for (long id : c.threadIds) {
                if (n < MAX_THREADS && !contains(ids, n, id)) {
                    ids[n++] = id;
                }
            }
        }
        lockIdByHash = byHash;
        threadIds = java.util.Arrays.copyOf(ids, n);
        return found;
    }

    /** One look at the watched threads; nothing while no monitor is watched. */
    synchronized void sample() {
        if (threadIds.length == 0) {
            return;
        }
        samples++;
        for (ThreadInfo info : states.of(threadIds, 0)) {
            if (info == null || info.getThreadState() != Thread.State.BLOCKED) {
                continue; // gone, or not waiting for a monitor
            }
            LockInfo lock = info.getLockInfo();
            Long lockId = lock == null ? null : lockIdByHash.get(lock.getIdentityHashCode());
            if (lockId != null) {
                blocked.computeIfAbsent(lockId, id -> new long[1])[0]++;
                long[] seen = lastBlocked.computeIfAbsent(lockId, id -> new long[1 + WAITERS_KEPT]);
                seen[0] = lock.getIdentityHashCode();
                seen[1 + (int) (blocked.get(lockId)[0] % WAITERS_KEPT)] = info.getThreadId();
            }
        }
    }

    /**
     * Where a thread found blocked on the monitor of {@code lockId} in the period just ended waits now, from its
     * stack: {@code com.acme.Ids.next(Ids.java:12)}, or a JDK frame and the app's frame that called it
     * ({@code java.util.Hashtable.get(Hashtable.java:381) called from com.acme.Sessions.find(Sessions.java:20)});
     * empty when none is blocked on it any more. Takes a few threads' stacks, which stops the JVM at a safepoint:
     * for a warning's text only.
     */
    synchronized String waitingSite(long lockId) {
        long[] seen = lastBlockedInPeriod.get(lockId);
        if (seen == null) {
            return "";
        }
        long[] ids = java.util.Arrays.stream(seen, 1, seen.length).filter(id -> id != 0).distinct().toArray();
        // The threads move between blocked and running every few microseconds: a look can catch none of them
        // blocked (seen on JDK 25 in a CI run), so look a few times; each look costs tens of microseconds, and this
        // runs once per warning.
        for (int look = 0; look < SITE_LOOKS; look++) {
            for (ThreadInfo info : states.of(ids, STACK_DEPTH)) {
                if (info != null && info.getThreadState() == Thread.State.BLOCKED && info.getLockInfo() != null
                        && info.getLockInfo().getIdentityHashCode() == (int) seen[0]
                        && info.getStackTrace().length > 0) {
                    return site(info.getStackTrace());
                }
            }
        }
        return ""; // gone, or no longer waiting for that monitor
    }

    // The blocked thread's top frame and, when that is the JDK's, the app's frame that called it.
    private static String site(StackTraceElement[] stack) {
        String top = StackFrames.format(stack[0]);
        if (!isJdk(stack[0])) {
            return top;
        }
        for (StackTraceElement caller : stack) {
            if (!isJdk(caller)) {
                return top + " called from " + StackFrames.format(caller);
            }
        }
        return top;
    }

    // Looks at the remembered waiters for one blocked on the monitor before the warning says "site unknown".
    private static final int SITE_LOOKS = 20;

    // Frames of a blocked thread looked at for a site: the monitor's method and, below JDK frames, the app's.
    private static final int STACK_DEPTH = 16;

    // Threads found blocked on a monitor remembered for its site: one of them is likely still waiting.
    private static final int WAITERS_KEPT = 4;

    private static boolean isJdk(StackTraceElement frame) {
        String c = frame.getClassName();
        return c.startsWith("java.") || c.startsWith("javax.") || c.startsWith("jdk.") || c.startsWith("sun.");
    }


    private static boolean contains(long[] ids, int n, long id) {
        for (int i = 0; i < n; i++) {
            if (ids[i] == id) {
                return true;
            }
        }
        return false;
    }

    /** The states of threads by id: {@code ThreadMXBean.getThreadInfo(ids, maxDepth)}. */
    interface ThreadStates {
        ThreadInfo[] of(long[] threadIds, int maxDepth);
    }
}
