// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.latency;

import java.util.concurrent.ConcurrentHashMap;

/** Per-endpoint immutable summaries replaced with {@code merge}: the rebuild runs inside the bin's lock. */
final class MergedLatencyStats implements LatencyStats {

    private final ConcurrentHashMap<String, Summary> byEndpoint = new ConcurrentHashMap<>();

    @Override
    public void record(String endpoint, int thread, long micros) {
        byEndpoint.merge(endpoint, Summary.of(micros), Summary::combine);
    }

    @Override
    public long count(String endpoint) {
        Summary summary = byEndpoint.get(endpoint);
        return summary == null ? 0 : summary.count;
    }
}
