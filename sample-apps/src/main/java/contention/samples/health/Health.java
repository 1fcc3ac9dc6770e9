// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.health;

/**
 * A service's health as request threads see it. Assumptions and guarantees: one thread, the heartbeat writer, calls
 * {@link #recordHeartbeat()}; any number of request threads call {@link #connectionLimit()}, which never changes
 * after construction, and the heartbeat count may be read by anyone.
 */
interface Health {

    /** The configured limit the request threads check on every request. */
    int CONNECTION_LIMIT = 512;

    void recordHeartbeat();

    long heartbeats();

    long connectionLimit();
}
