// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.shards;

import contention.samples.common.SampleArgs;
import contention.samples.common.WorkerThreads;
import java.util.Locale;

/**
 * {@code shard-worker-N} threads each serve the requests of one shard ({@code shard-worker-1} shard 0, ...) and count
 * every one in its slot of the shared {@link ShardRequestCounts}; prints one summary line.
 */
final class ShardWorkload {

    void run(String name, ShardRequestCounts counts, SampleArgs args) throws InterruptedException {
        long started = System.nanoTime();
        double steady = WorkerThreads.run("shard-worker", args.threads, args.duration, counts::total,
                counts::countRequest);
        double seconds = (System.nanoTime() - started) / 1e9;
        long operations = counts.total();
        // Referred to from tests and docs/false-sharing-samples.md: one line, key=value; operations are increments.
        System.out.printf(Locale.ROOT, "%s operations=%d threads=%d seconds=%.2f throughput=%.0f/s steady=%.0f/s"
                + " slotStride=%d%n", name, operations, args.threads, seconds, operations / seconds, steady,
                counts.slot(1) - counts.slot(0));
    }
}
