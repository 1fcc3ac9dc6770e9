// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.lrucache;

/** The expensive part of a cache miss: a deterministic, CPU-bound stand-in for a pricing call. */
final class PriceModel {

    // About 20 µs of CPU on these machines: long enough that computing it under a shared lock hurts.
    static final int ROUNDS = 20_000;

    static long compute(String sku) {
        long h = sku.hashCode();
        for (int i = 0; i < ROUNDS; i++) {
            h ^= h << 13;
            h ^= h >>> 7;
            h ^= h << 17;
        }
        return Math.floorMod(h, 100_000L);
    }

    private PriceModel() {}
}
