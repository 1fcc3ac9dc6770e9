// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.lrucache;

/** A source of prices by SKU; the two caches of this sample differ only in how they lock. */
interface Prices {
    long price(String sku);
}
