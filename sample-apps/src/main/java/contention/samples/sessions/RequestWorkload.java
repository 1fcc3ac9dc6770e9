// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.sessions;

import contention.samples.common.NamedThreadFactory;
import contention.samples.common.SampleArgs;
import contention.samples.common.SteadyRate;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Serves requests from a pool of {@code request-N} threads for a fixed time and prints one summary line. Of every
 * 100 requests, 80 read their session and render a page, 15 change an attribute (the cart) and 5 log in again.
 */
final class RequestWorkload {

    static final int SESSIONS = 10_000;
    static final String[] PAGES = {"/", "/search?q=boots", "/item/17", "/item/342", "/cart", "/checkout"};

    private volatile boolean stop;

    void run(String name, Sessions sessions, SampleArgs args) throws InterruptedException {
        long now = System.currentTimeMillis();
        for (int i = 0; i < SESSIONS; i++) {
            sessions.put(sessionId(i), Session.login(sessionId(i), "user" + i, now));
        }
        LongAdder requests = new LongAdder();
        LongAdder missing = new LongAdder();
        LongAdder checksum = new LongAdder();
        ExecutorService pool = Executors.newFixedThreadPool(args.threads, new NamedThreadFactory("request"));
        long started = System.nanoTime();
        for (int t = 0; t < args.threads; t++) {
            pool.execute(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (!stop) {
                    int n = random.nextInt(SESSIONS);
                    String id = sessionId(n);
                    int kind = random.nextInt(100);
                    if (kind < 5) {
                        sessions.put(id, Session.login(id, "user" + n, System.currentTimeMillis()));
                    } else if (kind < 20) {
                        if (!sessions.touch(id, "cart", Integer.toString(random.nextInt(10)))) {
                            missing.increment();
                        }
                    } else {
                        Session session = sessions.get(id, PAGES[random.nextInt(PAGES.length)]);
                        if (session == null) {
                            missing.increment();
                        } else {
                            checksum.add(session.render().length()); // the rest of the request
                        }
                    }
                    requests.increment();
                }
            });
        }
        double steady = SteadyRate.sleepMeasuring(args.duration, requests::sum);
        stop = true;
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("request threads did not stop");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        // Referred to from tests: one line, key=value; no session is ever lost, whatever the map.
        System.out.printf(Locale.ROOT,
                "%s requests=%d threads=%d seconds=%.2f throughput=%.0f/s steady=%.0f/s sessions=%d missing=%d checksum=%d%n",
                name, requests.sum(), args.threads, seconds, requests.sum() / seconds, steady, sessions.size(),
                missing.sum(), checksum.sum());
    }

    private static String sessionId(int n) {
        return String.format(Locale.ROOT, "s%08x", n * 0x9E3779B1);
    }
}
