// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.idgen;

import contention.samples.common.SampleArgs;
import contention.samples.common.WorkerThreads;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/** {@code order-N} threads take ids and build small orders for a fixed time; prints one summary line. */
final class OrderWorkload {

    static final String[] REGIONS = {"r0", "r1", "r2", "r3"};

    void run(String name, Function<String, String> ids, SampleArgs args) throws InterruptedException {
        LongAdder orders = new LongAdder();
        LongAdder checksum = new LongAdder();
        long started = System.nanoTime();
        double steady = WorkerThreads.run("order", args.threads, args.duration, orders::sum, thread -> {
            String id = ids.apply(REGIONS[thread % REGIONS.length]);
            StringBuilder order = new StringBuilder(64).append(id); // the rest of taking an order
            for (int line = 0; line < 4; line++) {
                order.append(';').append(line * 31 + id.length());
            }
            checksum.add(order.length());
            orders.increment();
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        // Referred to from tests: one line, key=value.
        System.out.printf(Locale.ROOT, "%s orders=%d threads=%d seconds=%.2f throughput=%.0f/s steady=%.0f/s checksum=%d%n",
                name, orders.sum(), args.threads, seconds, orders.sum() / seconds, steady, checksum.sum());
    }
}
