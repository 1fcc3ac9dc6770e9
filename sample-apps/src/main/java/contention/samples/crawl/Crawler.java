// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.crawl;

import java.util.List;

/** Fetches a batch of pages; the two crawlers differ only in which threads wait for the network. */
interface Crawler {

    /** The fetched pages' sizes, in the order of {@code urls}. */
    List<Integer> fetchAll(List<String> urls);

    /** Releases the crawler's threads, if it has any of its own. */
    void shutdown() throws InterruptedException;

    /**
     * Fetches one page: the network round trip is {@value #ROUND_TRIP_MILLIS} ms of blocking, the size a
     * function of the URL so that every run fetches the same bytes.
     */
    static int fetch(String url) {
        try {
            Thread.sleep(ROUND_TRIP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching " + url, e);
        }
        return 1_000 + Math.floorMod(url.hashCode(), 9_000);
    }

    long ROUND_TRIP_MILLIS = 5;
}
