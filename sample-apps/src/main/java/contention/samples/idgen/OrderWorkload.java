// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.idgen;

import contention.samples.common.SampleArgs;
import contention.samples.common.SteadyRate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/** {@code order-N} threads take ids and build small orders for a fixed time; prints one summary line. */
final class OrderWorkload {

    private volatile boolean stop;

    void run(String name, Function<String, String> ids, SampleArgs args) throws InterruptedException {
        LongAdder orders = new LongAdder();
        LongAdder checksum = new LongAdder();
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int t = 0; t < args.threads; t++) {
            String region = "r" + (t % 4);
            Thread thread = new Thread(() -> {
                while (!stop) {
                    String id = ids.apply(region);
                    StringBuilder order = new StringBuilder(64).append(id); // the rest of taking an order
                    for (int line = 0; line < 4; line++) {
                        order.append(';').append(line * 31 + id.length());
                    }
                    checksum.add(order.length());
                    orders.increment();
                }
            }, "order-" + (t + 1));
            threads.add(thread);
            thread.start();
        }
        double steady = SteadyRate.sleepMeasuring(args.duration, orders::sum);
        stop = true;
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        // Referred to from tests: one line, key=value.
        System.out.printf(Locale.ROOT, "%s orders=%d threads=%d seconds=%.2f throughput=%.0f/s steady=%.0f/s checksum=%d%n",
                name, orders.sum(), args.threads, seconds, orders.sum() / seconds, steady, checksum.sum());
    }
}
