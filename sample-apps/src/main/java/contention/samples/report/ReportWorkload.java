// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.report;

import contention.samples.common.SampleArgs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code client-N} threads each ask for one customer's report, wait for it, check its total and look at it for
 * {@link #THINK_MILLIS} ms before asking for the next, for a fixed time; then prints one summary line. When nothing
 * starves, six clients leave the pool's threads idle part of the time: a service under load, not one flooded.
 */
final class ReportWorkload {

    static final int CUSTOMERS = 16;
    static final long THINK_MILLIS = 3;

    private volatile boolean stop;

    void run(String name, ReportService service, int workers, SampleArgs args) throws InterruptedException {
        long[] expected = new long[CUSTOMERS];
        for (int c = 0; c < CUSTOMERS; c++) {
            expected[c] = Sections.expectedTotal(c);
        }
        LongAdder reports = new LongAdder();
        LongAdder wrong = new LongAdder();
        List<Thread> clients = new ArrayList<>();
        long started = System.nanoTime();
        for (int t = 0; t < args.threads; t++) {
            int first = t;
            Thread client = new Thread(() -> {
                int customer = first;
                while (!stop) {
                    int c = customer++ % CUSTOMERS;
                    try {
                        if (service.build(c).get() != expected[c]) {
                            wrong.increment();
                        }
                    } catch (InterruptedException | ExecutionException e) {
                        throw new IllegalStateException("report of customer " + c + " failed", e);
                    }
                    reports.increment();
                    try {
                        Thread.sleep(THINK_MILLIS); // the client reads the report
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "client-" + (t + 1));
            clients.add(client);
            client.start();
        }
        Thread.sleep(args.duration.toMillis());
        stop = true;
        for (Thread client : clients) {
            client.join();
        }
        service.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        // Referred to from tests: one line, key=value; every report adds up, whether or not it timed out.
        System.out.printf(Locale.ROOT,
                "%s reports=%d timedOut=%d threads=%d workers=%d seconds=%.2f throughput=%.0f/s correct=%b%n",
                name, reports.sum(), service.timedOut(), args.threads, workers, seconds, reports.sum() / seconds,
                wrong.sum() == 0);
    }
}
