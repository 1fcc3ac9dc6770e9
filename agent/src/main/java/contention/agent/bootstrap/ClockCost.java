// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.bootstrap;

/**
 * Measures what one {@code System.nanoTime()} read adds to an interval timed between two of them, so that sampled
 * hold times do not carry it: on a critical section as short as a {@code StringBuffer} append (~15 ns) the clock
 * read (24 ns here) tripled the measured hold, and the report said the buffer was held 100% of the run.
 *
 * <p>Back-to-back reads differ by one read's latency (the rest of the first call plus the start of the second),
 * which is what a timed interval includes. The loop runs long enough to be compiled, as the app's hot paths are,
 * and the least disturbed of several batches is kept. Called once, off the app's threads (~5 ms).
 */
public final class ClockCost {

    static final int BATCHES = 20;
    static final int PAIRS_PER_BATCH = 10_000;

    /** Measures the clock's latency, applies it to later sampled holds, and returns it in nanoseconds. */
    public static long calibrate() {
        long best = Long.MAX_VALUE;
        for (int b = 0; b < BATCHES; b++) {
            best = Math.min(best, meanBackToBack(PAIRS_PER_BATCH));
        }
        HoldSamples.setClockCostNanos(best);
        return best;
    }

    // The mean difference of consecutive nanoTime reads over n pairs.
    static long meanBackToBack(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            long t1 = System.nanoTime();
            sum += t1 - t0;
        }
        return sum / n;
    }

    private ClockCost() {}
}
