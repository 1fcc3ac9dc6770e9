// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.stats;

import contention.samples.common.SampleArgs;
import contention.samples.common.WorkerThreads;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code stats-writer-N} threads each count one request outcome ({@code stats-writer-1} hits, {@code stats-writer-2}
 * misses, ...) in the one shared stats object, as fast as they can; prints one summary line.
 */
final class StatsWorkload {

    /** One writer per counter: a second writer on the same counter would be true sharing, and lose updates. */
    static final int MAX_THREADS = RequestCounters.OUTCOMES.length;

    void run(String name, RequestCounters stats, SampleArgs args) throws InterruptedException {
        long started = System.nanoTime();
        double steady = WorkerThreads.run("stats-writer", args.threads, args.duration,
                () -> Arrays.stream(stats.counts()).sum(), writer -> {
                    switch (writer) {
                        case 0: stats.countHit(); break;
                        case 1: stats.countMiss(); break;
                        case 2: stats.countError(); break;
                        default: stats.countTimeout(); break;
                    }
                });
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] counts = stats.counts();
        long operations = Arrays.stream(counts).sum();
        StringBuilder perCounter = new StringBuilder();
        for (int i = 0; i < counts.length; i++) {
            perCounter.append(' ').append(RequestCounters.OUTCOMES[i]).append('=').append(counts[i]);
        }
        // Referred to from tests and docs/false-sharing-samples.md: one line, key=value; operations are increments.
        System.out.printf(Locale.ROOT, "%s operations=%d threads=%d seconds=%.2f throughput=%.0f/s steady=%.0f/s%s%n",
                name, operations, args.threads, seconds, operations / seconds, steady, perCounter);
    }
}
