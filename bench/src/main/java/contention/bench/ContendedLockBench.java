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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Two threads (one per core on the 2-vCPU machines here) share one lock with a short critical section and some
 * work outside it, so they meet at the lock often but not on every call: the contended path, where the agent
 * times waits. Scores are the average time of one call per thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
@Threads(2)
public class ContendedLockBench {

    /** Work inside the lock, in {@link Blackhole#consumeCPU} tokens (a few nanoseconds each). */
    private static final long CRITICAL_TOKENS = 10;
    /** Work outside the lock: four times the critical section, so each thread holds it at most a fifth of the time. */
    private static final long OUTSIDE_TOKENS = 40;

    private final ReentrantLock lock = new ReentrantLock();
    private final Object monitor = new Object();
    private long counter;

    @Benchmark
    public long reentrantLock() {
        Blackhole.consumeCPU(OUTSIDE_TOKENS);
        lock.lock();
        try {
            Blackhole.consumeCPU(CRITICAL_TOKENS);
            return ++counter;
        } finally {
            lock.unlock();
        }
    }

    @Benchmark
    public long synchronizedBlock() {
        Blackhole.consumeCPU(OUTSIDE_TOKENS);
        synchronized (monitor) {
            Blackhole.consumeCPU(CRITICAL_TOKENS);
            return ++counter;
        }
    }
}
