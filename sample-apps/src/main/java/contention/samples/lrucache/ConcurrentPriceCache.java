// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.lrucache;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fixed twin of {@link PriceCache}: a {@link ConcurrentHashMap} read without locking; a miss computes the
 * price outside any lock and publishes it with {@code putIfAbsent}. Two threads may compute the same price once
 * each, which costs less than making every thread wait (even {@code ConcurrentHashMap.computeIfAbsent} would
 * hold a bin lock during the computation). Eviction is approximate (any entry once over capacity), as
 * concurrent caches trade exact LRU order for scalability.
 */
final class ConcurrentPriceCache implements Prices {

    private final ConcurrentHashMap<String, Long> map;
    private final int capacity;

    ConcurrentPriceCache(int capacity) {
        this.capacity = capacity;
        this.map = new ConcurrentHashMap<>(capacity * 2);
    }

    @Override
    public long price(String sku) {
        Long price = map.get(sku);
        if (price != null) {
            return price;
        }
        price = PriceModel.compute(sku);
        Long raced = map.putIfAbsent(sku, price);
        if (raced != null) {
            return raced;
        }
        if (map.size() > capacity) {
            Iterator<String> eldest = map.keySet().iterator();
            if (eldest.hasNext()) {
                map.remove(eldest.next());
            }
        }
        return price;
    }
}
