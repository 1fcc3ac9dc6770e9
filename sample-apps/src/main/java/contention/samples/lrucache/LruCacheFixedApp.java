// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.lrucache;

import contention.samples.common.SampleArgs;
import java.time.Duration;

/**
 * Fixed twin of {@link LruCacheApp}: the same workload on a {@code ConcurrentHashMap}-based cache.
 * Run: {@code java -cp sample-apps/target/sample-apps.jar contention.samples.lrucache.LruCacheFixedApp 5s 8}.
 */
public final class LruCacheFixedApp {

    public static void main(String[] args) throws InterruptedException {
        SampleArgs parsed = SampleArgs.parse(args, LruCacheFixedApp.class, Duration.ofSeconds(5), 8);
        new LookupWorkload().run("lru-cache-fixed", new ConcurrentPriceCache(LookupWorkload.CAPACITY), parsed);
    }

    private LruCacheFixedApp() {}
}
