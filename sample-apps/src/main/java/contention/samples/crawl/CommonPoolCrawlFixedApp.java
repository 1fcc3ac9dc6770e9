// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.crawl;

import contention.samples.common.SampleArgs;
import java.time.Duration;

/**
 * Fixed twin of {@link CommonPoolCrawlApp}: the fetches run on a pool of {@value IoPoolCrawler#IO_THREADS}
 * {@code crawl-N} threads sized for waiting, and the common pool keeps only the CPU work, the quotes.
 * Run: {@code java -cp sample-apps/target/sample-apps.jar contention.samples.crawl.CommonPoolCrawlFixedApp 5s 4}.
 */
public final class CommonPoolCrawlFixedApp {

    public static void main(String[] args) throws InterruptedException {
        CrawlWorkload.sizeCommonPool();
        SampleArgs parsed = SampleArgs.parse(args, CommonPoolCrawlFixedApp.class, Duration.ofSeconds(5), 4);
        new CrawlWorkload().run("common-pool-crawl-fixed", new IoPoolCrawler(), parsed);
    }

    private CommonPoolCrawlFixedApp() {}
}
