// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.bench;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one task costs on a one-thread {@code ThreadPoolExecutor}, the path the agent's executor advice sits on:
 * counting the submission, sampling its queue wait and submit site, timing its run. Two shapes of the same
 * trivial task:
 *
 * <ul>
 *   <li>{@link #submitGet}: {@code submit(task).get()}, one at a time: the full round trip of one task, a hand-off
 *       to the worker and back included (wake-ups dominate; the agent's share is the difference).
 *   <li>{@link #executeBatch}: {@value #BATCH} {@code execute}s, then wait for a latch the tasks count down: the
 *       cost per task when the worker drains a queue, as a busy pool does; scored per task. The worker and the
 *       submitter race, and whether the worker parks between tasks or keeps up moves the score by more than
 *       the agent does (76–165 ns per task without it, over runs).
 *   <li>{@link #submitThenDrain}: the worker is held at a gate while {@value #BATCH} tasks are queued, then
 *       drains them without parking: every task's submission and run, one after the other, with no overlap and
 *       no wake-up but the gate's; scored per task. The steadiest measure of what the agent adds to a task.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
public class ExecutorTaskBench {

    static final int BATCH = 1_000;

    private ThreadPoolExecutor pool;
    private final Callable<Long> trivial = new Callable<>() {
        private long calls;

        @Override
        public Long call() {
            return ++calls;
        }
    };
    /** Distinct task objects, made once, so that a batch allocates nothing but its latch. */
    private final Tick[] ticks = new Tick[BATCH];

    @Setup(Level.Trial)
    public void startPool() {
        pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread worker = new Thread(task, "bench-executor-1");
            worker.setDaemon(true);
            return worker;
        });
        pool.prestartAllCoreThreads();
        for (int i = 0; i < BATCH; i++) {
            ticks[i] = new Tick();
        }
    }

    @TearDown(Level.Trial)
    public void stopPool() throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("bench-executor did not stop");
        }
    }

    @Benchmark
    public Long submitGet() throws InterruptedException, ExecutionException {
        return pool.submit(trivial).get();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void executeBatch() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(BATCH);
        for (Tick tick : ticks) {
            tick.done = done; // published to the worker by the queue hand-off in execute
            pool.execute(tick);
        }
        if (!done.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("a batch did not finish: " + done.getCount() + " tasks left");
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void submitThenDrain() throws InterruptedException {
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(BATCH);
        pool.execute(() -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (Tick tick : ticks) {
            tick.done = done;
            pool.execute(tick);
        }
        gate.countDown();
        if (!done.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("a batch did not finish: " + done.getCount() + " tasks left");
        }
    }

    /** A task that counts a latch down: the least a task can do that its submitter can wait for. */
    static final class Tick implements Runnable {
        CountDownLatch done;

        @Override
        public void run() {
            done.countDown();
        }
    }
}
