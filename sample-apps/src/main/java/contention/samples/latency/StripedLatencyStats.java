// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.latency;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-endpoint summaries found with {@code computeIfAbsent} (which locks a bin the first time only); each thread
 * folds latencies into its own slot with the same {@link Summary#combine} work, outside any lock, and the slots
 * are merged when read.
 */
final class StripedLatencyStats implements LatencyStats {

    static final int MAX_THREADS = 64;

    private final ConcurrentHashMap<String, Slot[]> byEndpoint = new ConcurrentHashMap<>();

    @Override
    public void record(String endpoint, int thread, long micros) {
        Slot[] slots = byEndpoint.computeIfAbsent(endpoint, e -> newSlots());
        Slot mine = slots[thread % MAX_THREADS];
        mine.summary = mine.summary == null ? Summary.of(micros) : Summary.combine(mine.summary, Summary.of(micros));
    }

    @Override
    public long count(String endpoint) {
        Slot[] slots = byEndpoint.get(endpoint);
        return slots == null ? 0 : Arrays.stream(slots).mapToLong(s -> s.summary == null ? 0 : s.summary.count).sum();
    }

    private static Slot[] newSlots() {
        Slot[] slots = new Slot[MAX_THREADS];
        Arrays.setAll(slots, i -> new Slot());
        return slots;
    }

    /** One thread's summary: written by that thread only, read after the workload has joined it. */
    static final class Slot {
        Summary summary;
    }
}
