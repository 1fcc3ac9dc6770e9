// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.lrucache;

import contention.samples.common.NamedThreadFactory;
import contention.samples.common.SampleArgs;
import contention.samples.common.SteadyRate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/** Runs price lookups from a pool of {@code lookup-N} threads for a fixed time and prints one summary line. */
final class LookupWorkload {

    static final int CAPACITY = 1_000;
    static final int SKUS = 4_000; // four times the capacity: about one lookup in four hits

    private volatile boolean stop;

    void run(String name, Prices prices, SampleArgs args) throws InterruptedException {
        LongAdder lookups = new LongAdder();
        LongAdder checksum = new LongAdder();
        ExecutorService pool = Executors.newFixedThreadPool(args.threads, new NamedThreadFactory("lookup"));
        long started = System.nanoTime();
        for (int t = 0; t < args.threads; t++) {
            pool.execute(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (!stop) {
                    checksum.add(prices.price("sku-" + random.nextInt(SKUS)));
                    lookups.increment();
                }
            });
        }
        double steady = SteadyRate.sleepMeasuring(args.duration, lookups::sum);
        stop = true;
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("lookup threads did not stop");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        // Referred to from tests: one line, key=value.
        System.out.printf(java.util.Locale.ROOT, "%s lookups=%d threads=%d seconds=%.2f throughput=%.0f/s steady=%.0f/s checksum=%d%n",
                name, lookups.sum(), args.threads, seconds, lookups.sum() / seconds, steady, checksum.sum());
    }
}
