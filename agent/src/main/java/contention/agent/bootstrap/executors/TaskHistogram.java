// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.bootstrap.executors;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bucket counts of durations in nanoseconds, encoded as docs/executor-events.md specifies: bucket 0 below 1,024 ns,
 * then each power of two split in 4 equal sub-buckets (25% resolution), written as {@code index:count} pairs.
 *
 * <p>Assumptions and guarantees: any thread records concurrently (a striped adder per bucket, created on first
 * use, so a pool whose tasks all take about as long touches a few buckets only); one thread drains. A value
 * recorded during a drain lands in this period or the next, never nowhere.
 */
public final class TaskHistogram {

    /** Buckets a positive {@code long} can reach: {@code index(Long.MAX_VALUE) == 212}. */
    static final int BUCKETS = 213;

    private final AtomicReferenceArray<LongAdder> counts = new AtomicReferenceArray<>(BUCKETS);

    /** The bucket of {@code nanos}; negative values (a clock read across CPUs) count as 0. */
    public static int index(long nanos) {
        if (nanos < 1024) {
            return 0;
        }
        int msb = 63 - Long.numberOfLeadingZeros(nanos);
        return (msb - 10) * 4 + (int) ((nanos >>> (msb - 2)) & 3) + 1;
    }

    /** The smallest value of bucket {@code i}. */
    public static long lower(int i) {
        return i == 0 ? 0 : (4L + (i - 1) % 4) << ((i - 1) / 4 + 8);
    }

    /** Counts one value. */
    public void record(long nanos) {
        int i = index(nanos);
        LongAdder bucket = counts.get(i);
        if (bucket == null) {
            counts.compareAndSet(i, null, new LongAdder());
            bucket = counts.get(i);
        }
        bucket.increment();
    }

    /** The counts since the previous drain, encoded ({@code 0:12,9:3,40:1}; empty if none), reset as read. */
    public String drainEncoded() {
        long[] counts = new long[BUCKETS];
        drainInto(counts);
        return encode(counts);
    }

    /** Adds the counts since the previous drain to {@code into} (one per bucket), resetting them as read. */
    void drainInto(long[] into) {
        for (int i = 0; i < BUCKETS; i++) {
            LongAdder bucket = counts.get(i);
            if (bucket != null) {
                into[i] += bucket.sumThenReset();
            }
        }
    }

    /** Encodes bucket counts as the contract writes them ({@code 0:12,9:3,40:1}; empty if all are 0). */
    static String encode(long[] counts) {
        StringBuilder encoded = new StringBuilder();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                if (encoded.length() > 0) {
                    encoded.append(',');
                }
                encoded.append(i).append(':').append(counts[i]);
            }
        }
        return encoded.toString();
    }
}
