// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.latency;

/** Latencies per endpoint; what the workload records into and reads back at the end. */
interface LatencyStats {

    void record(String endpoint, int thread, long micros);

    /** The number of latencies recorded for {@code endpoint}. */
    long count(String endpoint);
}
