// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Creating a lock, which the agent follows by capturing where it was created. Captures are rate-limited (10,000
 * a second in {@code AllocationSites}), so a one-second iteration averages a burst of stack walks with a tail of
 * budget checks: the mean is what an app that creates locks without pause pays per lock.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
public class LockConstructionBench {

    /** Returned, so the lock escapes and its allocation cannot be eliminated. */
    @Benchmark
    public ReentrantLock newReentrantLock() {
        return new ReentrantLock();
    }
}
