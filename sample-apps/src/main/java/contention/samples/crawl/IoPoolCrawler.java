// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.crawl;

import contention.samples.common.NamedThreadFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Fetches a batch on a pool of its own, sized for threads that mostly wait ({@link #IO_THREADS} {@code crawl-N}
 * threads): the network waits leave the common pool to CPU work.
 */
final class IoPoolCrawler implements Crawler {

    /** Enough for every fetch of both crawlers' batches at once. */
    static final int IO_THREADS = 32;

    private final ExecutorService io = Executors.newFixedThreadPool(IO_THREADS, new NamedThreadFactory("crawl"));

    @Override
    public List<Integer> fetchAll(List<String> urls) {
        List<CompletableFuture<Integer>> pages = new ArrayList<>();
        for (String url : urls) {
            pages.add(CompletableFuture.supplyAsync(() -> Crawler.fetch(url), io));
        }
        List<Integer> sizes = new ArrayList<>();
        for (CompletableFuture<Integer> page : pages) {
            sizes.add(page.join()); // on the crawler's own thread, not a pool worker
        }
        return sizes;
    }

    @Override
    public void shutdown() throws InterruptedException {
        io.shutdown();
        if (!io.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("crawl threads did not stop");
        }
    }
}
