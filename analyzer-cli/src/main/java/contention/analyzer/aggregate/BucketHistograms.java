// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.aggregate;

import org.HdrHistogram.Histogram;

/**
 * The agent's compact histogram encoding of durations ({@code docs/executor-events.md}), decoded into
 * HdrHistograms.
 *
 * <p>Values are nanoseconds. Bucket 0 holds values below 1,024 ns; above that, each power of two is split into
 * 4 equal sub-buckets, so a bucket is 25% of its lower bound wide: bucket 1 = [1024, 1280), 2 = [1280, 1536),
 * 3 = [1536, 1792), 4 = [1792, 2048), 5 = [2048, 2560), ... An encoded histogram is {@code index:count} pairs of
 * the non-empty buckets, comma-separated, ascending: {@code "0:12,9:3,40:1"} is 12 values below 1,024 ns, 3 in
 * [4,096, 5,120) and 1 in [917,504, 1,048,576), just under 1 ms. Each bucket's count is recorded at the bucket's
 * midpoint: 512 ns for bucket 0, 4,608 ns for bucket 9, 983,040 ns for bucket 40.
 */
public final class BucketHistograms {

    /** Buckets in the encoding; indices 0 to 255. */
    static final int BUCKETS = 256;

    /*
     * The largest index decoded. index(v) never exceeds 212 for a long v, and from 201 on a bucket starts
     * beyond 2^59 ns (18 years): such an index is corrupt data, and its midpoint would not fit the histogram.
     */
    static final int MAX_DECODED_INDEX = 200;

    // Two significant digits: 1% resolution against the encoding's 25%, so a percentile never leaves its bucket.
    static final int SIGNIFICANT_DIGITS = 2;

    /** The bucket of {@code nanos}, as the agent computes it. */
    public static int index(long nanos) {
        if (nanos < 1024) {
            return 0;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(nanos);
        return (exponent - 10) * 4 + (int) ((nanos >>> (exponent - 2)) & 3) + 1;
    }

    /** The smallest value in bucket {@code index} (0 for bucket 0). */
    public static long lower(int index) {
        if (index <= 0) {
            return 0;
        }
        return (long) (4 + (index - 1) % 4) << ((index - 1) / 4 + 8);
    }

    /** The value a bucket's count is recorded at: the middle of the bucket, 512 ns for bucket 0. */
    public static long midpoint(int index) {
        long lower = lower(index);
        return lower + (lower(index + 1) - lower) / 2;
    }

    /** A value snapped to the midpoint of its bucket, as every value decoded from the encoding is. */
    public static long snap(long nanos) {
        return midpoint(Math.min(index(nanos), MAX_DECODED_INDEX));
    }

    /** An empty histogram for decoded values, sized as values arrive. */
    public static Histogram newHistogram() {
        return new Histogram(SIGNIFICANT_DIGITS);
    }

    /**
     * Adds the encoded bucket counts to {@code histogram}, each at its bucket's midpoint; malformed pairs (not
     * two numbers, an index out of range, a count below 1) are skipped, so that one bad bucket costs only itself.
     *
     * @return how many values were added
     */
    public static long decodeInto(String encoded, Histogram histogram) {
        if (encoded == null || encoded.isBlank()) {
            return 0;
        }
        long added = 0;
        for (String pair : encoded.split(",")) {
            int colon = pair.indexOf(':');
            if (colon < 0) {
                continue;
            }
            int index;
            long count;
            try {
                index = Integer.parseInt(pair.substring(0, colon).strip());
                count = Long.parseLong(pair.substring(colon + 1).strip());
            } catch (NumberFormatException e) {
                continue;
            }
            if (index < 0 || index > MAX_DECODED_INDEX || count < 1) {
                continue;
            }
            histogram.recordValueWithCount(midpoint(index), count);
            added += count;
        }
        return added;
    }

    private BucketHistograms() {}
}
