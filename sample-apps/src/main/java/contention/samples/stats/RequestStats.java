// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.stats;

/**
 * Request outcome counters as one would first write them: four {@code volatile long} fields of one object. HotSpot
 * puts them in adjacent 8-byte slots, all four in one 64-byte cache line, so the threads that each write only their
 * own counter still take the line from each other on every write (false sharing).
 */
final class RequestStats implements RequestCounters {

    volatile long hits;
    volatile long misses;
    volatile long errors;
    volatile long timeouts;

    @Override
    public void countHit() {
        hits++; // not atomic, and needs not be: this counter has one writer
    }

    @Override
    public void countMiss() {
        misses++;
    }

    @Override
    public void countError() {
        errors++;
    }

    @Override
    public void countTimeout() {
        timeouts++;
    }

    @Override
    public long[] counts() {
        return new long[] {hits, misses, errors, timeouts};
    }
}
