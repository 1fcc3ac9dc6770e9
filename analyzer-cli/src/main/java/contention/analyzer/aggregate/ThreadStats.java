// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.aggregate;

import contention.analyzer.model.CallSite;
import contention.analyzer.model.ThreadActivity;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per-thread accumulator filled while reading: lifetime, blocked and waiting time, and CPU load samples.
 *
 * <p>Assumptions and guarantees: single writer (the reading thread); not safe for concurrent use.
 */
public final class ThreadStats {

    static final long UNKNOWN = Long.MIN_VALUE;

    // Memory bound: a thread's waits inside tasks at further sites count toward its total only.
    static final int MAX_TASK_WAIT_SITES = 100;

    // Kept in the model per thread, longest first; findings merge them over a pool's workers and show fewer.
    static final int KEPT_TASK_WAIT_SITES = 5;

    // Waits inside tasks whose stack was not recorded are summed under this site.
    static final String UNKNOWN_SITE = "(stack not recorded)";

    private final long id;
    private String name;
    private boolean virtual;
    private long blockedNanos;
    private long waitingNanos;
    // Sleeps, parks, Object.wait and blocking I/O while running a task (not idle, not a fork/join join), by site.
    private long taskWaitNanos;
    private Map<String, SiteStats> taskWaitSites;
    // JFR parks on a lock's synchronizer, by lock class: blocked time unless the agent timed that class.
    private final Map<String, long[]> parkedOnLockNanosByClass = new HashMap<>(4);
    private long startNanos = UNKNOWN;
    private long endNanos = UNKNOWN;

    /*
     * CPU: jdk.ThreadCPULoad gives a load (share of all CPUs) over the interval since the previous
     * periodic tick, or since the thread started for its first sample. The first sample's interval is
     * resolved in toActivity(), once the recording's start and the thread's start are known; later samples
     * add load x interval directly.
     */
    private long firstCpuSampleNanos = UNKNOWN;
    private double firstCpuLoad;
    private long firstCpuPreviousTickNanos = UNKNOWN;
    private double cpuLoadNanosAfterFirst;

    ThreadStats(long id, String name, boolean virtual) {
        this.id = id;
        this.name = name;
        this.virtual = virtual;
    }

    void rename(String name, boolean virtual) {
        this.name = name;
        this.virtual = virtual;
    }

    void addBlocked(long nanos) {
        blockedNanos += nanos;
    }

    void addParkedOnLock(String lockClass, long nanos) {
        parkedOnLockNanosByClass.computeIfAbsent(lockClass, k -> new long[1])[0] += nanos;
    }

    void addWaiting(long nanos) {
        waitingNanos += nanos;
    }

    void addTaskWait(long nanos, List<String> stackLeafFirst, String siteFrame) {
        taskWaitNanos += nanos;
        if (taskWaitSites == null) {
            taskWaitSites = new HashMap<>(4);
        }
        String frame = siteFrame == null ? UNKNOWN_SITE : siteFrame;
        SiteStats site = taskWaitSites.get(frame);
        if (site == null && taskWaitSites.size() < MAX_TASK_WAIT_SITES) {
            site = new SiteStats(frame);
            taskWaitSites.put(frame, site);
        }
        if (site != null) {
            site.add(nanos, 1, stackLeafFirst);
        }
    }

    void started(long epochNanos) {
        startNanos = epochNanos;
    }

    void ended(long epochNanos) {
        endNanos = epochNanos;
    }

    void cpuLoad(long sampleNanos, double load, long previousTickNanos) {
        if (firstCpuSampleNanos == UNKNOWN) {
            firstCpuSampleNanos = sampleNanos;
            firstCpuLoad = load;
            firstCpuPreviousTickNanos = previousTickNanos;
        } else if (previousTickNanos != UNKNOWN && sampleNanos > previousTickNanos) {
            cpuLoadNanosAfterFirst += load * (sampleNanos - previousTickNanos);
        }
    }

    /** This thread's key. */
    public long id() {
        return id;
    }

    /** This thread's name as last seen. */
    public String name() {
        return name;
    }

    /**
     * The thread's activity; its parks on locks of the classes in {@code agentTimedLockClasses} are left out,
     * because the agent's own timed waits for those locks are already in its blocked time.
     */
    ThreadActivity toActivity(long recordingStartNanos, long recordingEndNanos, int cpus, Set<String> agentTimedLockClasses) {
        long from = startNanos == UNKNOWN ? recordingStartNanos : Math.max(startNanos, recordingStartNanos);
        long to = endNanos == UNKNOWN ? recordingEndNanos : Math.min(endNanos, recordingEndNanos);
        long blockedNanos = this.blockedNanos;
        for (Map.Entry<String, long[]> parked : parkedOnLockNanosByClass.entrySet()) {
            if (!agentTimedLockClasses.contains(parked.getKey())) {
                blockedNanos += parked.getValue()[0];
            }
        }
        long stalledNanos = blockedNanos + waitingNanos;
        // A thread cannot wait longer than it lives; clock skew between event sources must not say so.
        long aliveNanos = Math.max(Math.max(0, to - from), stalledNanos);
        List<CallSite> sites = taskWaitSites == null ? List.of() : taskWaitSites.values().stream()
                .map(SiteStats::toCallSite)
                .sorted(Comparator.comparingLong(CallSite::waitNanos).reversed().thenComparing(CallSite::frame))
                .limit(KEPT_TASK_WAIT_SITES)
                .toList();
        return new ThreadActivity(id, name, virtual, blockedNanos, waitingNanos,
                runningNanos(from, cpus, aliveNanos), aliveNanos, Math.min(taskWaitNanos, aliveNanos), sites);
    }

    private long runningNanos(long aliveFromNanos, int cpus, long aliveNanos) {
        if (firstCpuSampleNanos == UNKNOWN) {
            return 0;
        }
        long firstIntervalFrom = firstCpuPreviousTickNanos == UNKNOWN
                ? aliveFromNanos
                : Math.max(firstCpuPreviousTickNanos, aliveFromNanos);
        double loadNanos = cpuLoadNanosAfterFirst
                + firstCpuLoad * Math.max(0, firstCpuSampleNanos - firstIntervalFrom);
        // The JVM divides thread CPU time by the number of processors; undo that to get this thread's time.
        long running = Math.round(loadNanos * Math.max(1, cpus));
        return Math.min(running, aliveNanos);
    }
}
