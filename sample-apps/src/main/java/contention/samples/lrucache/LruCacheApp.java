// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.lrucache;

import contention.samples.common.SampleArgs;
import java.time.Duration;

/**
 * Problem: a pool of lookup threads shares an LRU cache built on {@code Collections.synchronizedMap}; misses
 * compute under the map's monitor, so the threads spend much of their time waiting for it.
 * Run: {@code java -cp sample-apps/target/sample-apps.jar contention.samples.lrucache.LruCacheApp 5s 8}.
 */
public final class LruCacheApp {

    public static void main(String[] args) throws InterruptedException {
        SampleArgs parsed = SampleArgs.parse(args, LruCacheApp.class, Duration.ofSeconds(5), 8);
        new LookupWorkload().run("lru-cache", new PriceCache(LookupWorkload.CAPACITY), parsed);
    }

    private LruCacheApp() {}
}
