// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.trace;

import contention.samples.common.SampleArgs;
import contention.samples.common.SteadyRate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code handler-N} threads serve requests of three steps each (parse, price, reply), tracing every step, for a
 * fixed time; prints one summary line.
 */
final class TraceWorkload {

    static final String[] STEPS = {"parse", "price", "reply"};

    private volatile boolean stop;

    void run(String name, Trace trace, SampleArgs args) throws InterruptedException {
        LongAdder requests = new LongAdder();
        LongAdder checksum = new LongAdder();
        List<Thread> handlers = new ArrayList<>();
        long started = System.nanoTime();
        for (int t = 0; t < args.threads; t++) {
            Thread handler = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (!stop) {
                    long request = random.nextLong(1_000_000_000L);
                    long value = request;
                    for (String step : STEPS) {
                        for (int i = 0; i < 32; i++) { // the step's own work, outside the trace
                            value = value * 31 + (value >>> 11) + i;
                        }
                        trace.line("req=" + Long.toHexString(request) + " step=" + step + " value="
                                + (value & 0xffff));
                    }
                    checksum.add(value & 0xff);
                    requests.increment();
                }
            }, "handler-" + (t + 1));
            handlers.add(handler);
            handler.start();
        }
        double steady = SteadyRate.sleepMeasuring(args.duration, requests::sum);
        stop = true;
        for (Thread handler : handlers) {
            handler.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        // Referred to from tests: one line, key=value; every step of every request left its line.
        System.out.printf(Locale.ROOT,
                "%s requests=%d threads=%d seconds=%.2f throughput=%.0f/s steady=%.0f/s complete=%b checksum=%d%n",
                name, requests.sum(), args.threads, seconds, requests.sum() / seconds, steady,
                trace.lines() == requests.sum() * STEPS.length, checksum.sum());
    }
}
