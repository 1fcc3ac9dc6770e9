// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.latency;

import java.util.Arrays;

/**
 * An immutable latency summary: count, sum and the most recent {@link #WINDOW} latencies kept sorted for
 * percentiles. Combining two copies and sorts the window, which is the work done under the map's bin lock.
 */
final class Summary {

    static final int WINDOW = 512;

    final long count;
    final long sum;
    final long[] recentSorted;

    private Summary(long count, long sum, long[] recentSorted) {
        this.count = count;
        this.sum = sum;
        this.recentSorted = recentSorted;
    }

    static Summary of(long micros) {
        return new Summary(1, micros, new long[] {micros});
    }

    static Summary combine(Summary a, Summary b) {
        long[] window = new long[Math.min(WINDOW, a.recentSorted.length + b.recentSorted.length)];
        int fromA = window.length - b.recentSorted.length;
        System.arraycopy(a.recentSorted, a.recentSorted.length - fromA, window, 0, fromA);
        System.arraycopy(b.recentSorted, 0, window, fromA, b.recentSorted.length);
        Arrays.sort(window);
        return new Summary(a.count + b.count, a.sum + b.sum, window);
    }
}
