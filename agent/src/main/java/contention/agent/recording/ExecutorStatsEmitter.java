// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.recording;

import contention.agent.bootstrap.CallDepth;
import contention.agent.bootstrap.executors.ExecutorHooks;
import contention.agent.bootstrap.executors.PoolRegistry;
import contention.agent.bootstrap.executors.PoolState;
import contention.agent.bootstrap.events.ExecutorStatsEvent;
import contention.agent.bootstrap.events.PoolBlockedEvent;
import contention.agent.bootstrap.events.TaskSubmitEvent;
import java.util.Collection;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Writes one {@code contention.ExecutorStats} event per active pool each period, from JFR's periodic task, beside
 * {@link LockStatsEmitter} and on the same 1 s period. A pool is active in a period when it submitted, ran or
 * rejected a task, or has tasks queued or running at its end.
 *
 * <p>At the end of a period it reads each pool's queue and threads through their public getters; a few of them
 * take the pool's main lock for a moment, once a second.
 */
public final class ExecutorStatsEmitter implements Runnable {

    private static final ExecutorStatsEmitter INSTANCE = new ExecutorStatsEmitter();

    /** Registers the executor events with JFR; only when instrumentation is on (the classes are bootstrap's). */
    public static void register() {
        ExecutorHooks.initializeEvents();
        jdk.jfr.FlightRecorder.register(TaskSubmitEvent.class);
        jdk.jfr.FlightRecorder.register(PoolBlockedEvent.class);
        jdk.jfr.FlightRecorder.addPeriodicEvent(ExecutorStatsEvent.class, INSTANCE);
    }

    /** Starts the first period now, when the recording has started (see {@link LockStatsEmitter}). */
    public static void startFirstPeriod() {
        INSTANCE.restart();
    }

    /** Writes the period so far, cut short, when a chunk ends (see {@link LockStatsEmitter#flush()}). */
    public static void flush() {
        INSTANCE.run();
    }

    private long lastNanos = System.nanoTime(); // reset by startFirstPeriod

    private synchronized void restart() {
        for (PoolState state : PoolRegistry.states()) {
            state.drain();
        }
        lastNanos = System.nanoTime();
    }

    @Override
    public synchronized void run() {
        // The getters below take the pools' locks: the agent must not measure itself.
        boolean entered = CallDepth.enter();
        try {
            long now = System.nanoTime();
            long periodNanos = now - lastNanos;
            lastNanos = now;
            for (PoolState state : PoolRegistry.states()) {
                emit(state, periodNanos, now);
            }
        } finally {
            if (entered) {
                CallDepth.exit();
            }
        }
    }

    private static void emit(PoolState state, long periodNanos, long now) {
        Object pool = state.pool();
        ExecutorStatsEvent event = new ExecutorStatsEvent();
        event.corePoolSize = -1;
        event.maximumPoolSize = -1;
        Collection<?> queue = null;
        if (pool instanceof ThreadPoolExecutor) {
            ThreadPoolExecutor tpe = (ThreadPoolExecutor) pool;
            queue = tpe.getQueue();
            event.corePoolSize = tpe.getCorePoolSize();
            event.maximumPoolSize = tpe.getMaximumPoolSize();
            event.queueDepth = queue.size();
            event.poolSize = tpe.getPoolSize();
            event.activeThreads = tpe.getActiveCount();
        } else if (pool instanceof ForkJoinPool) {
            ForkJoinPool fjp = (ForkJoinPool) pool;
            event.corePoolSize = fjp.getParallelism();
            event.maximumPoolSize = fjp.getParallelism();
            long depth = fjp.getQueuedSubmissionCount() + fjp.getQueuedTaskCount();
            event.queueDepth = (int) Math.min(depth, Integer.MAX_VALUE);
            event.poolSize = fjp.getPoolSize();
            event.activeThreads = fjp.getActiveThreadCount();
        }
        state.expireQueueWaitSamples(now, queue);
        PoolState.Drained d = state.drain();
        if (state.kind == PoolState.KIND_THREAD_PER_TASK) {
            int running = (int) Math.max(0, Math.min(d.running, Integer.MAX_VALUE));
            event.poolSize = running;
            event.activeThreads = running;
        }
        if (d.isEmpty() && event.queueDepth == 0 && event.activeThreads == 0) {
            return;
        }
        event.poolId = state.id;
        event.poolName = state.name();
        event.poolClass = state.poolClass;
        event.creationSite = state.creationSite;
        event.periodNanos = periodNanos;
        event.submitted = d.submitted;
        event.completed = d.completed;
        event.rejected = d.rejected;
        event.callerRuns = d.callerRuns;
        event.maxQueueDepth = Math.max(d.maxQueueDepth, event.queueDepth);
        event.busyNanos = d.busyNanos;
        event.queueWaitSampleRate = ExecutorHooks.QUEUE_WAIT_SAMPLE_RATE;
        event.queueWaitHistogram = d.queueWaitHistogram;
        event.runTimeHistogram = d.runTimeHistogram;
        event.commit();
    }
}
