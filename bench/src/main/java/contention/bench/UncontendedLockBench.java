// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One thread takes and releases a lock nobody else wants: the path every lock call in a well-behaved app takes,
 * and the one the agent must keep within 10 ns (issue "Instrument locks", point 5).
 *
 * <p>Every method is kept out of JMH's measurement loop ({@code DONT_INLINE}): inlined, C2 may coarsen the
 * release of one iteration with the acquisition of the next and measure no lock at all. The call costs the same
 * in every variant, so it shifts the baseline but not the difference; {@link #noLock} shows that floor.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
public class UncontendedLockBench {

    private final ReentrantLock unfairLock = new ReentrantLock();
    private final ReentrantLock fairLock = new ReentrantLock(true);
    private final Object monitor = new Object();
    private int counter;

    /** The same call and increment without a lock: the floor under the other three. */
    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public int noLock() {
        return ++counter;
    }

    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public int reentrantLockUnfair() {
        unfairLock.lock();
        try {
            return ++counter;
        } finally {
            unfairLock.unlock();
        }
    }

    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public int reentrantLockFair() {
        fairLock.lock();
        try {
            return ++counter;
        } finally {
            fairLock.unlock();
        }
    }

    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public int synchronizedBlock() {
        synchronized (monitor) {
            return ++counter;
        }
    }
}
