// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.crawl;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Fetches a batch in the background with a parallel stream, the way a crawl job is often started: the job and its
 * fetches run in the common {@code ForkJoinPool}, whose few threads (one fewer than the CPUs) are meant for CPU
 * work and now block on the network, so everything else that runs there waits behind the fetches.
 */
final class ParallelStreamCrawler implements Crawler {

    @Override
    public List<Integer> fetchAll(List<String> urls) {
        return CompletableFuture.supplyAsync(() -> urls.parallelStream().map(Crawler::fetch).toList()).join();
    }

    @Override
    public void shutdown() {
        // the common pool is not ours to stop
    }
}
