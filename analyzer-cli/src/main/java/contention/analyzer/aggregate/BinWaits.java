// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.aggregate;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Waits for the bins of {@code ConcurrentHashMap}s ({@code compute*}, {@code merge}), by bin: JFR names a bin's
 * monitor by its address, and the report counts every bin's wait for the map, so only this tells one hot bin (one
 * key every thread wants: the map is one lock) from waits spread over many bins (many locks, each seldom shared).
 *
 * <p>A worked example: 1,400 waits of 8 threads on a map of 1,024 keys, on about as many bins, the largest 2% of
 * the wait: {@link #largestBinShare()} 0.02, many locks. 5,000 waits on the bin of one hot key: 0.97, one lock.
 *
 * <p>Addresses are the bins' nodes; a collector that moves a node splits its waits over two addresses, which can only
 * lower the share. At most {@link #MAX_BINS} bins are told apart; waits on further ones count as other bins.
 */
public final class BinWaits {

    /** Bins told apart; the rest are other bins, which only lowers the largest bin's share. */
    static final int MAX_BINS = 4_096;

    private final Map<Long, long[]> waitByAddress = new HashMap<>();
    private long totalWaitNanos;

    /** One wait of {@code waitNanos} for the bin at {@code address}. */
    public void add(long address, long waitNanos) {
        totalWaitNanos += waitNanos;
        long[] wait = waitByAddress.get(address);
        if (wait == null && waitByAddress.size() < MAX_BINS) {
            wait = new long[1];
            waitByAddress.put(address, wait);
        }
        if (wait != null) {
            wait[0] += waitNanos;
        }
    }

    /** The share of all bin wait that was for the bin waited for most; empty without bin waits. */
    public OptionalDouble largestBinShare() {
        if (totalWaitNanos <= 0) {
            return OptionalDouble.empty();
        }
        long largest = 0;
        for (long[] wait : waitByAddress.values()) {
            largest = Math.max(largest, wait[0]);
        }
        return OptionalDouble.of((double) largest / totalWaitNanos);
    }
}
