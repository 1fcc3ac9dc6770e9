// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.common;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The rate of a workload over the second half of its run, printed as {@code steady=N/s} beside the whole-run
 * {@code throughput=}. Why: the first second of a run pays for JIT compilation and, with an agent, for its
 * start-up (Byte Buddy and JFR take ~1 CPU-second beside the app); a profiler's cost while the app runs is the
 * steady rate's change, not the whole run's.
 */
public final class SteadyRate {

    /** Sleeps for {@code duration} while the workload runs; returns operations per second over its second half. */
    public static double sleepMeasuring(Duration duration, LongSupplier operations) throws InterruptedException {
        long halfMillis = duration.toMillis() / 2;
        Thread.sleep(duration.toMillis() - halfMillis);
        long fromOps = operations.getAsLong();
        long fromNanos = System.nanoTime();
        Thread.sleep(halfMillis);
        long ops = operations.getAsLong() - fromOps;
        double seconds = (System.nanoTime() - fromNanos) / 1e9;
        return seconds <= 0 ? 0 : ops / seconds;
    }

    private SteadyRate() {}
}
