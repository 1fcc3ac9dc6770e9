// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.health;

import contention.samples.common.SampleArgs;
import contention.samples.common.WorkerThreads;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * One {@code heartbeat-writer-1} thread records heartbeats as fast as it can while {@code request-reader-N} threads
 * check each request against the connection limit; prints one summary line with reads and writes.
 */
final class HealthWorkload {

    /**
     * Requests a reader checks between two updates of the shared read counts: seldom (every ~20 us), since those
     * LongAdders may share a line with the workers' stop flag, which the writer reads on every heartbeat.
     */
    static final int READS_PER_STEP = 16_384;

    void run(String name, Health health, SampleArgs args) throws InterruptedException {
        LongAdder reads = new LongAdder();
        LongAdder admitted = new LongAdder();
        long started = System.nanoTime();
        double steady = WorkerThreads.run(t -> t == 0 ? "heartbeat-writer-1" : "request-reader-" + t, args.threads,
                args.duration, () -> health.heartbeats() + reads.sum(), thread -> {
                    if (thread == 0) {
                        health.recordHeartbeat();
                        return;
                    }
                    long underLimit = 0;
                    for (int request = 0; request < READS_PER_STEP; request++) {
                        if ((request & 1023) < health.connectionLimit()) { // a fake in-flight count vs the limit
                            underLimit++;
                        }
                    }
                    admitted.add(underLimit);
                    reads.add(READS_PER_STEP);
                });
        double seconds = (System.nanoTime() - started) / 1e9;
        long writes = health.heartbeats();
        long operations = writes + reads.sum();
        // Referred to from tests and docs/false-sharing-samples.md: one line, key=value; operations = reads + writes.
        System.out.printf(Locale.ROOT, "%s operations=%d threads=%d seconds=%.2f throughput=%.0f/s steady=%.0f/s"
                + " reads=%d writes=%d readRate=%.0f/s writeRate=%.0f/s admitted=%d%n", name, operations, args.threads,
                seconds, operations / seconds, steady, reads.sum(), writes, reads.sum() / seconds, writes / seconds,
                admitted.sum());
    }
}
