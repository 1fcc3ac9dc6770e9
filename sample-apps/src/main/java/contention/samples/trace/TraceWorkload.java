// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.trace;

import contention.samples.common.SampleArgs;
import contention.samples.common.WorkerThreads;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code handler-N} threads serve requests of three steps each (parse, price, reply), tracing every step, for a
 * fixed time; prints one summary line.
 */
final class TraceWorkload {

    static final String[] STEPS = {"parse", "price", "reply"};

    void run(String name, Trace trace, SampleArgs args) throws InterruptedException {
        LongAdder requests = new LongAdder();
        LongAdder checksum = new LongAdder();
        long started = System.nanoTime();
        double steady = WorkerThreads.run("handler", args.threads, args.duration, requests::sum, thread -> {
            long request = ThreadLocalRandom.current().nextLong(1_000_000_000L);
            long value = request;
            for (String step : STEPS) {
                for (int i = 0; i < 32; i++) { // the step's own work, outside the trace
                    value = value * 31 + (value >>> 11) + i;
                }
                trace.line("req=" + Long.toHexString(request) + " step=" + step + " value=" + (value & 0xffff));
            }
            checksum.add(value & 0xff);
            requests.increment();
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        // Referred to from tests: one line, key=value; every step of every request left its line.
        System.out.printf(Locale.ROOT,
                "%s requests=%d threads=%d seconds=%.2f throughput=%.0f/s steady=%.0f/s complete=%b checksum=%d%n",
                name, requests.sum(), args.threads, seconds, requests.sum() / seconds, steady,
                trace.lines() == requests.sum() * STEPS.length, checksum.sum());
    }
}
