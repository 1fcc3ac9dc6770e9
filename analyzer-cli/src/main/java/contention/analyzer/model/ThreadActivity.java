// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.model;

import java.util.List;
import java.util.Objects;

/**
 * How one thread spent its time during the recording: blocked on locks, waiting for work or signals, and
 * running on a CPU.
 *
 * @param id a key unique within the recording (the Java thread id, or a derived key for native threads)
 * @param name the thread's Java name
 * @param virtual whether it is a virtual thread
 * @param blockedNanos time spent waiting to acquire monitors and {@code java.util.concurrent} locks (as the
 *     agent timed them for the lock classes it instruments, as JFR's parks saw them for the others)
 * @param waitingNanos time spent in {@code Object.wait}, {@code Thread.sleep} and in parks that are not lock
 *     acquisitions
 * @param runningNanos estimated CPU time from {@code jdk.ThreadCPULoad}, 0 when not recorded
 * @param aliveNanos how long the thread was alive within the recording
 * @param taskWaitNanos of its blocked and waiting time and its blocking socket or file I/O, the part spent while
 *     running a task: sleeping, parked, in {@code Object.wait} or I/O, but not a pool worker's idle wait for its
 *     next task nor a fork/join join (told apart by the waiting stack; waits without a stack count only for
 *     {@code Thread.sleep}); 0 when not known
 * @param taskWaitSites where it spent {@link #taskWaitNanos}, longest first (its top sites only); a site's frame
 *     is the first application frame of the waiting stacks
 */
public record ThreadActivity(
        long id,
        String name,
        boolean virtual,
        long blockedNanos,
        long waitingNanos,
        long runningNanos,
        long aliveNanos,
        long taskWaitNanos,
        List<CallSite> taskWaitSites) {

    public ThreadActivity {
        Objects.requireNonNull(name, "name");
        taskWaitSites = List.copyOf(taskWaitSites);
    }

    /** A thread whose waits inside tasks are not known. */
    public ThreadActivity(long id, String name, boolean virtual, long blockedNanos, long waitingNanos,
            long runningNanos, long aliveNanos) {
        this(id, name, virtual, blockedNanos, waitingNanos, runningNanos, aliveNanos, 0, List.of());
    }

    /** Blocked plus waiting time: how long the thread stood still. */
    public long stalledNanos() {
        return blockedNanos + waitingNanos;
    }
}
