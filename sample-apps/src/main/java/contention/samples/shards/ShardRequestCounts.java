// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.shards;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Requests served per shard, in one {@link AtomicLongArray}: shard {@code s} counts in slot
 * {@code (s + 1) * slotStride}. With a stride of 1 the shards' slots are 8 bytes apart, eight to a cache line, and
 * the shard workers take the line from each other on every increment (false sharing); with a stride of
 * {@link #PADDED_SLOT_STRIDE} each slot has 128 bytes to itself. Slot 0 is left unused so that no counter shares a
 * line with the array's header, whose length every bounds check reads.
 */
final class ShardRequestCounts {

    /** Adjacent slots: the problem. */
    static final int ADJACENT_SLOT_STRIDE = 1;

    /** 16 longs = 128 bytes: two cache lines, since the adjacent-line prefetcher pulls lines in pairs. */
    static final int PADDED_SLOT_STRIDE = 16;

    final AtomicLongArray requests;
    private final int shards;
    private final int slotStride;

    ShardRequestCounts(int shards, int slotStride) {
        this.shards = shards;
        this.slotStride = slotStride;
        this.requests = new AtomicLongArray((shards + 1) * slotStride + PADDED_SLOT_STRIDE); // room after the last
    }

    /** Called by shard {@code shard}'s worker only; any thread may call it, it is atomic. */
    void countRequest(int shard) {
        requests.incrementAndGet(slot(shard));
    }

    int slot(int shard) {
        return (shard + 1) * slotStride;
    }

    long total() {
        long total = 0;
        for (int shard = 0; shard < shards; shard++) {
            total += requests.get(slot(shard));
        }
        return total;
    }
}
