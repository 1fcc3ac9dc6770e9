// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.lrucache;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An LRU price cache the common way: an access-ordered {@link LinkedHashMap} behind
 * {@link Collections#synchronizedMap}. Every lookup, hit or miss, takes the one map-wide monitor, and a miss
 * computes the price while still holding it, so all lookup threads queue on this map.
 */
final class PriceCache implements Prices {

    private final Map<String, Long> map;

    PriceCache(int capacity) {
        map = Collections.synchronizedMap(new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > capacity;
            }
        });
    }

    @Override
    public long price(String sku) {
        return map.computeIfAbsent(sku, PriceModel::compute);
    }
}
