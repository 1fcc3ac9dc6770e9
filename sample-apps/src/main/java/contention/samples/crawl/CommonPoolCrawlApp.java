// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.crawl;

import contention.samples.common.SampleArgs;
import java.time.Duration;

/**
 * Problem: crawler threads fetch pages with a parallel stream, so the fetches' network waits
 * ({@value Crawler#ROUND_TRIP_MILLIS} ms each) occupy the threads of the common {@code ForkJoinPool}; the price
 * quotes that the same service computes with {@code CompletableFuture.supplyAsync} on that pool queue behind them.
 * On a machine with fewer than 4 CPUs the sample gives the common pool 3 threads (see
 * {@code CrawlWorkload.sizeCommonPool}); {@code -Djava.util.concurrent.ForkJoinPool.common.parallelism=N} overrides.
 * Run: {@code java -cp sample-apps/target/sample-apps.jar contention.samples.crawl.CommonPoolCrawlApp 5s 4}.
 */
public final class CommonPoolCrawlApp {

    public static void main(String[] args) throws InterruptedException {
        CrawlWorkload.sizeCommonPool();
        SampleArgs parsed = SampleArgs.parse(args, CommonPoolCrawlApp.class, Duration.ofSeconds(5), 4);
        new CrawlWorkload().run("common-pool-crawl", new ParallelStreamCrawler(), parsed);
    }

    private CommonPoolCrawlApp() {}
}
