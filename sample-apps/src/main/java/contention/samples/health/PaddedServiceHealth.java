// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.health;

/**
 * The fixed twin of {@link ServiceHealth}: the same two {@code volatile long} fields 128 bytes apart (padding
 * inherited, see {@link ServiceHealthPadding}), so the heartbeat writer's line is not the one the readers read.
 * ServiceHealthLayoutTest checks the offsets.
 */
final class PaddedServiceHealth extends ServiceHealthPadding.AfterConnectionLimit implements Health {

    PaddedServiceHealth() {
        connectionLimit = CONNECTION_LIMIT;
    }

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
