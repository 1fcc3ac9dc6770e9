// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.stats;

/**
 * Counts of request outcomes. Assumptions and guarantees: each outcome has a single writer thread (its
 * {@code count*} method is called from that thread only), so a plain read-increment-write of a volatile is exact;
 * any thread may read the counts at any time.
 */
interface RequestCounters {

    /** The outcomes, one counter each, in the order the workload hands them to its threads. */
    String[] OUTCOMES = {"hits", "misses", "errors", "timeouts"};

    void countHit();

    void countMiss();

    void countError();

    void countTimeout();

    /** The counts, in the order of {@link #OUTCOMES}. */
    long[] counts();
}
