// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.bootstrap.executors;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One worker thread's task runs for one pool: completions, busy time, the start of the run in progress and a
 * run-time histogram, all cumulative since the worker was first seen.
 *
 * <p>Why per worker: with shared adders, a task's start and end cost seven atomic read-modify-writes on cache
 * lines the submitting thread also writes (the adders of one pool sit side by side), ~45 ns of a task's ~125 ns
 * of agent time in {@code ExecutorTaskBench.executeBatch}. Here the owning thread alone writes, with plain
 * (opaque) stores; the periodic drain reads the totals and keeps what it read, so the period's share is a
 * difference and nothing is ever reset from another thread.
 *
 * <p>Assumptions and guarantees: {@link #runStarted} and {@link #runEnded} are called by {@link #owner} only;
 * {@link #drainInto} by the one draining thread only. A drain that falls between a run's end stores may count
 * part of that run in this period and the rest in the next; the sum over periods stays exact. Bucket counts are
 * ints: the drain takes differences, which stay right across wrap-around while a bucket gets fewer than 2^31
 * runs in one period. Each costs ~1.8 KB; at most {@link #MAX_LIVE} exist at once, JVM-wide.
 */
final class WorkerCounters {

    private static final VarHandle COMPLETED;
    private static final VarHandle BUSY_NANOS;
    private static final VarHandle RUN_START;
    private static final VarHandle TIMED_LEFT;
    private static final VarHandle BUCKET = MethodHandles.arrayElementVarHandle(int[].class);

    /**
     * Runs timed one by one per worker each period; beyond them one run in {@link #RUN_SAMPLE_RATE} is timed and
     * counts that many times. Why: two clock reads are ~48 ns of a task's cost here (24 ns each), half of the 100 ns
     * budget, but that matters only at tens of thousands of tasks a second per worker: timing this many costs a
     * worker ~0.5 ms a second. Below it every run is timed, so a pool of long or mixed tasks (a long task weighted
     * by the sample rate would make its busy time jump) is measured exactly.
     */
    static final int TIMED_RUNS_PER_PERIOD = 10_000;

    /** One run in this many is timed once a worker's {@link #TIMED_RUNS_PER_PERIOD} are used up. */
    static final int RUN_SAMPLE_RATE = 8;

    /** Worker counters alive at once, all pools together (~7 MB); more workers count in their pools' adders. */
    static final int MAX_LIVE = 4_096;
    private static final AtomicInteger LIVE = new AtomicInteger();

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            COMPLETED = lookup.findVarHandle(WorkerCounters.class, "completed", long.class);
            BUSY_NANOS = lookup.findVarHandle(WorkerCounters.class, "busyNanos", long.class);
            RUN_START = lookup.findVarHandle(WorkerCounters.class, "runStart", long.class);
            TIMED_LEFT = lookup.findVarHandle(WorkerCounters.class, "timedLeft", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final PoolState pool;
    final Thread owner;

    // Written by the owner only.
    private long completed;
    private long busyNanos;
    private long runStart; // start of the busy run in progress, 0 when none
    private int timedLeft = TIMED_RUNS_PER_PERIOD; // runs still timed one by one this period; the drain refills it
    private final int[] runTimes = new int[TaskHistogram.BUCKETS];

    // Read and written by the drain only: the totals it took last time.
    private long drainedCompleted;
    private long drainedBusyNanos; // busy time including the run in progress, as of the last drain
    private final int[] drainedRunTimes = new int[TaskHistogram.BUCKETS];

    private WorkerCounters(PoolState pool, Thread owner) {
        this.pool = pool;
        this.owner = owner;
    }

    /** New counters for {@code owner}'s runs in {@code pool}, or null when {@link #MAX_LIVE} exist already. */
    static WorkerCounters create(PoolState pool, Thread owner) {
        if (LIVE.incrementAndGet() > MAX_LIVE) {
            LIVE.decrementAndGet();
            return null;
        }
        return new WorkerCounters(pool, owner);
    }

    /** These counters are dropped (their worker ended and was drained): room for another. */
    void release() {
        LIVE.decrementAndGet();
    }

    /**
     * Whether the run starting now is timed, and how many runs it stands for: 1 while this period's
     * {@link #TIMED_RUNS_PER_PERIOD} last, then {@link #RUN_SAMPLE_RATE} for one run in that many, else 0 (not
     * timed). The choice never depends on the run itself, so the weighted sums estimate busy time and the run-time
     * histogram without bias. A drain's refill racing with the decrement can be lost: a period then samples sooner.
     */
    int weightOfNextRun() {
        int left = (int) TIMED_LEFT.getOpaque(this);
        if (left > 0) {
            TIMED_LEFT.setOpaque(this, left - 1);
            return 1;
        }
        return ThreadLocalRandom.current().nextInt(RUN_SAMPLE_RATE) == 0 ? RUN_SAMPLE_RATE : 0;
    }

    /** A run that counts as busy time starts at {@code nowNanos} (0 is taken as 1: 0 means none). */
    void runStarted(long nowNanos) {
        RUN_START.setOpaque(this, nowNanos == 0 ? 1 : nowNanos);
    }

    /** A task's run of {@code runNanos} ended; {@code busy} if it was the run {@link #runStarted} began. */
    void runEnded(long runNanos, boolean busy) {
        runEnded(runNanos, busy, 1);
    }

    /**
     * A timed run of {@code runNanos} ended, standing for {@code weight} runs ({@link #weightOfNextRun}); its busy
     * time, counted as it went since {@link #runStarted}, is weighted the same.
     */
    void runEnded(long runNanos, boolean busy, int weight) {
        int i = TaskHistogram.index(runNanos);
        BUCKET.setOpaque(runTimes, i, runTimes[i] + weight);
        if (busy) {
            RUN_START.setOpaque(this, 0L);
            BUSY_NANOS.setOpaque(this, busyNanos + runNanos * weight);
        }
        COMPLETED.setOpaque(this, completed + 1);
    }

    /** A run that was not timed ended: counted, its time estimated from the timed ones. */
    void untimedRunEnded() {
        COMPLETED.setOpaque(this, completed + 1);
    }

    /** The busy run {@link #runStarted} began ends at {@code nowNanos} without counting as a task of its own. */
    void runLeft(long nowNanos) {
        long start = runStart;
        if (start != 0) {
            RUN_START.setOpaque(this, 0L);
            BUSY_NANOS.setOpaque(this, busyNanos + Math.max(0, nowNanos - start));
        }
    }

    /**
     * Adds what this worker did since the previous drain to {@code totals}. Returns false when the worker's thread
     * had ended before the read, so that nothing more will come and the pool may forget it.
     */
    boolean drainInto(PoolState.Totals totals, long nowNanos) {
        boolean alive = owner.isAlive();
        TIMED_LEFT.setOpaque(this, TIMED_RUNS_PER_PERIOD);
        long start = (long) RUN_START.getOpaque(this);
        long busy = (long) BUSY_NANOS.getOpaque(this) + (start != 0 ? Math.max(0, nowNanos - start) : 0);
        long done = (long) COMPLETED.getOpaque(this);
        totals.completed += done - drainedCompleted;
        totals.busyNanos += busy - drainedBusyNanos;
        drainedCompleted = done;
        drainedBusyNanos = busy;
        for (int i = 0; i < TaskHistogram.BUCKETS; i++) {
            int n = (int) BUCKET.getOpaque(runTimes, i);
            if (n != drainedRunTimes[i]) {
                totals.runTimes[i] += n - drainedRunTimes[i]; // int difference: right across wrap-around
                drainedRunTimes[i] = n;
            }
        }
        return alive;
    }
}
