// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.model;

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
 */
public record ThreadActivity(
        long id,
        String name,
        boolean virtual,
        long blockedNanos,
        long waitingNanos,
        long runningNanos,
        long aliveNanos) {

    public ThreadActivity {
        Objects.requireNonNull(name, "name");
    }

    /** Blocked plus waiting time: how long the thread stood still. */
    public long stalledNanos() {
        return blockedNanos + waitingNanos;
    }
}
