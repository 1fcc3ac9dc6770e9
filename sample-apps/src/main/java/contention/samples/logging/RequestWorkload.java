// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.logging;

import contention.samples.common.SampleArgs;
import contention.samples.common.WorkerThreads;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/** {@code request-N} threads serve small requests and log each one; prints one summary line. */
final class RequestWorkload {

    static final String[] PATHS = {"/orders", "/orders/42", "/cart", "/search?q=lamp", "/health"};

    static void run(String name, RequestLog log, SampleArgs args) throws InterruptedException {
        LongAdder requests = new LongAdder();
        long started = System.nanoTime();
        double steady = WorkerThreads.run("request", args.threads, args.duration, requests::sum, thread -> {
            long begin = System.nanoTime();
            String path = PATHS[(int) (requests.sum() % PATHS.length)];
            int status = path.hashCode() % 7 == 0 ? 404 : 200; // the rest of serving a request
            log.served(path, status, (System.nanoTime() - begin) / 1_000);
            requests.increment();
        });
        log.close();
        double seconds = (System.nanoTime() - started) / 1e9;
        // Referred to from tests: one line, key=value.
        System.out.printf(Locale.ROOT, "%s requests=%d threads=%d seconds=%.2f throughput=%.0f/s steady=%.0f/s"
                + " logBytes=%d%n", name, requests.sum(), args.threads, seconds, requests.sum() / seconds, steady,
                log.out.bytes.sum());
    }

    private RequestWorkload() {}
}
