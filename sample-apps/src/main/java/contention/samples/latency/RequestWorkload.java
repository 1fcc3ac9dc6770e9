// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.latency;

import contention.samples.common.SampleArgs;
import contention.samples.common.WorkerThreads;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code request-N} threads handle fake requests to four endpoints, most to {@code /search} as real traffic is
 * skewed, and record each latency; prints one line.
 */
final class RequestWorkload {

    static final String[] ENDPOINTS = {"/orders", "/cart", "/search", "/login"};

    void run(String name, LatencyStats stats, SampleArgs args) throws InterruptedException {
        LongAdder requests = new LongAdder();
        long started = System.nanoTime();
        double steady = WorkerThreads.run("request", args.threads, args.duration, requests::sum, thread -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String endpoint = random.nextInt(100) < 85 ? "/search" : ENDPOINTS[random.nextInt(ENDPOINTS.length)];
            long micros = handle(endpoint, random);
            stats.record(endpoint, thread, micros);
            requests.increment();
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        long recorded = 0;
        for (String endpoint : ENDPOINTS) {
            recorded += stats.count(endpoint);
        }
        // Referred to from tests: one line, key=value; recorded must equal requests.
        System.out.printf(Locale.ROOT, "%s requests=%d threads=%d seconds=%.2f throughput=%.0f/s steady=%.0f/s recorded=%d%n",
                name, requests.sum(), args.threads, seconds, requests.sum() / seconds, steady, recorded);
    }

    // The request itself: a little parsing work; its "latency" is derived from it.
    private static long handle(String endpoint, ThreadLocalRandom random) {
        long hash = endpoint.hashCode();
        for (int i = 0; i < 200; i++) {
            hash = hash * 31 + random.nextInt(1000);
        }
        return 100 + Math.floorMod(hash, 900);
    }
}
