// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.health;

/**
 * Health state as one would first write it: the heartbeat count the heartbeat thread keeps writing and the
 * connection limit every request reads are adjacent {@code volatile long} fields, so they share a cache line: each
 * heartbeat takes the line from the readers, and each reader's next read misses (false sharing between a writer and
 * readers of different fields; the reader/writer case of JMH's FalseSharing sample).
 */
final class ServiceHealth implements Health {

    volatile long heartbeats;
    volatile long connectionLimit = CONNECTION_LIMIT;

    @Override
    public void recordHeartbeat() {
        heartbeats++; // not atomic, and needs not be: one writer
    }

    @Override
    public long heartbeats() {
        return heartbeats;
    }

    @Override
    public long connectionLimit() {
        return connectionLimit;
    }
}
