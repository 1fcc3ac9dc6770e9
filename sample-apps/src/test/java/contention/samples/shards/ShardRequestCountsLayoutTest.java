// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.shards;

import static contention.samples.layout.FieldLayout.CACHE_LINE_BYTES;
import static contention.samples.layout.FieldLayout.PADDED_BYTES;
import static contention.samples.layout.FieldLayout.elementOffset;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The premise of the ShardCounters pair: neighbouring shards' slots share a line, or are 128 bytes apart and off
 * the array header's line. An {@code AtomicLongArray} keeps its values in a {@code long[]}.
 */
class ShardRequestCountsLayoutTest {

    @Test
    void adjacentSlotsShareOneCacheLine() {
        ShardRequestCounts counts = new ShardRequestCounts(4, ShardRequestCounts.ADJACENT_SLOT_STRIDE);
        for (int shard = 1; shard < 4; shard++) {
            assertThat(bytesApart(counts, shard - 1, shard)).as("shard %d", shard).isLessThan(CACHE_LINE_BYTES);
        }
    }

    @Test
    void paddedSlotsAre128BytesApart() {
        ShardRequestCounts counts = new ShardRequestCounts(4, ShardRequestCounts.PADDED_SLOT_STRIDE);
        for (int shard = 1; shard < 4; shard++) {
            assertThat(bytesApart(counts, shard - 1, shard)).as("shard %d", shard)
                    .isGreaterThanOrEqualTo(PADDED_BYTES);
        }
        assertThat(elementOffset(long[].class, counts.slot(0))).as("first slot from the array header")
                .isGreaterThanOrEqualTo(PADDED_BYTES);
        assertThat(counts.requests.length() - counts.slot(3)).as("slots after the last shard's")
                .isGreaterThanOrEqualTo(ShardRequestCounts.PADDED_SLOT_STRIDE);
    }

    @Test
    void everyShardCountsInItsOwnSlot() {
        ShardRequestCounts counts = new ShardRequestCounts(3, ShardRequestCounts.PADDED_SLOT_STRIDE);
        counts.countRequest(0);
        counts.countRequest(2);
        counts.countRequest(2);
        assertThat(counts.total()).isEqualTo(3);
        assertThat(counts.requests.get(counts.slot(2))).isEqualTo(2);
    }

    private static long bytesApart(ShardRequestCounts counts, int shard, int other) {
        return elementOffset(long[].class, counts.slot(other)) - elementOffset(long[].class, counts.slot(shard));
    }
}
