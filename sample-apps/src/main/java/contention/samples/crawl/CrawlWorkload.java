// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.crawl;

import contention.samples.common.SampleArgs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.LongAdder;

/**
 * A service that does two things in one JVM: {@link #CRAWLERS} {@code crawler-N} threads fetch batches of
 * {@link #BATCH} pages back to back, and {@code quote-N} threads (the thread count) each compute a price quote
 * with {@code CompletableFuture.supplyAsync} on the common pool every {@link #QUOTE_INTERVAL_MILLIS} ms and wait
 * for it. Runs for a fixed time, then prints one summary line; the throughput is that of the quotes.
 */
final class CrawlWorkload {

    static final int CRAWLERS = 2;
    static final int BATCH = 16;
    static final long QUOTE_INTERVAL_MILLIS = 5;
    static final int ITEMS_PER_QUOTE = 2_000;

    /** The common pool's parallelism this sample asks for on machines with fewer CPUs than that plus one. */
    static final int COMMON_POOL_PARALLELISM = 3;

    private volatile boolean stop;

    /**
     * Gives the common pool {@link #COMMON_POOL_PARALLELISM} threads on a small machine, unless the JVM was told
     * otherwise; call first thing in {@code main}, before anything uses the pool. With fewer than 3 CPUs the common
     * pool has one thread, and {@code CompletableFuture.supplyAsync} then runs each task on a new thread of its own
     * instead (JDK 17), which is not what a server with more cores sees.
     */
    static void sizeCommonPool() {
        String property = "java.util.concurrent.ForkJoinPool.common.parallelism";
        if (System.getProperty(property) == null
                && Runtime.getRuntime().availableProcessors() <= COMMON_POOL_PARALLELISM) {
            System.setProperty(property, Integer.toString(COMMON_POOL_PARALLELISM));
        }
    }

    void run(String name, Crawler crawler, SampleArgs args) throws InterruptedException {
        LongAdder pages = new LongAdder();
        LongAdder bytes = new LongAdder();
        LongAdder quotes = new LongAdder();
        LongAdder wrong = new LongAdder();
        LongAdder quoteNanos = new LongAdder();
        long expectedQuote = quote(ITEMS_PER_QUOTE);
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int t = 0; t < CRAWLERS; t++) {
            int crawlerIndex = t;
            threads.add(new Thread(() -> {
                int batch = 0;
                while (!stop) {
                    List<String> urls = new ArrayList<>();
                    for (int i = 0; i < BATCH; i++) {
                        urls.add("https://shop-" + crawlerIndex + ".example/item/" + (batch * BATCH + i) % 1_000);
                    }
                    for (int size : crawler.fetchAll(urls)) {
                        bytes.add(size);
                    }
                    pages.add(BATCH);
                    batch++;
                }
            }, "crawler-" + (t + 1)));
        }
        for (int t = 0; t < args.threads; t++) {
            threads.add(new Thread(() -> {
                while (!stop) {
                    long asked = System.nanoTime();
                    long price = CompletableFuture.supplyAsync(() -> quote(ITEMS_PER_QUOTE)).join(); // common pool
                    if (price != expectedQuote) {
                        wrong.increment();
                    }
                    quoteNanos.add(System.nanoTime() - asked);
                    quotes.increment();
                    try {
                        Thread.sleep(QUOTE_INTERVAL_MILLIS); // the next request arrives
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "quote-" + (t + 1)));
        }
        threads.forEach(Thread::start);
        Thread.sleep(args.duration.toMillis());
        stop = true;
        for (Thread thread : threads) {
            thread.join();
        }
        crawler.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        // Referred to from tests: one line, key=value; every quote has the same price, whoever computed it.
        System.out.printf(Locale.ROOT,
                "%s quotes=%d pages=%d threads=%d commonPool=%d seconds=%.2f throughput=%.0f/s quoteMs=%.2f correct=%b"
                        + " bytes=%d%n",
                name, quotes.sum(), pages.sum(), args.threads, ForkJoinPool.getCommonPoolParallelism(), seconds,
                quotes.sum() / seconds,
                quoteNanos.sum() / 1e6 / Math.max(1, quotes.sum()), wrong.sum() == 0, bytes.sum());
    }

    /** A price over {@code items} line items: a few hundred microseconds of arithmetic, the same every time. */
    static long quote(int items) {
        long cents = 0;
        long seed = 42;
        for (int i = 0; i < items; i++) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            long unit = (seed >>> 33) % 10_000;
            long quantity = 1 + (seed >>> 20 & 7);
            cents += unit * quantity * (100 - (seed >>> 10 & 15)) / 100;
        }
        return cents;
    }
}
