// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.bootstrap.executors;

import contention.agent.bootstrap.CallDepth;
import contention.agent.bootstrap.events.PoolBlockedEvent;
import contention.agent.bootstrap.events.TaskSubmitEvent;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Called from advice inlined into the JDK's executors and futures: counts submissions, completions and rejections
 * per pool, times every task's run and a sample of queue waits, and records pool workers blocked on futures.
 *
 * <p>Assumptions and guarantees: called on the app's threads inside {@code execute}, {@code submit}, the workers'
 * task loop and {@code Future.get}; never throws (advice suppresses anyway), never wraps or replaces a task, never
 * blocks on an instrumented lock on the submit and run paths. Per task: a submission costs a registry probe, an
 * adder increment and a thread-local random draw; a run costs a thread-local read, two clock reads and three adder
 * increments. One submission in {@link #QUEUE_WAIT_SAMPLE_RATE} allocates a weak entry to time its queue wait,
 * one in the pool's {@link PoolState#submitSampleRate()} writes a {@code contention.TaskSubmit} event.
 */
public final class ExecutorHooks {

    /** One submission in this many has its queue wait timed, when one of its pool's slots is free. */
    public static final int QUEUE_WAIT_SAMPLE_RATE = 8;

    private static volatile boolean active;
    // Threads inside a sampled ForkJoinPool submission of a Runnable or Callable, waiting for its wrapper.
    private static final AtomicInteger ADAPTING = new AtomicInteger();
    private static volatile boolean eventsReady; // event classes initialized, off the app's threads
    private static volatile long blockedThresholdNanos = 1_000_000L; // 1 ms; set by initialize

    /**
     * Initializes every class the advice reaches and loads the executor classes, so they are retransformed with
     * the classes already loaded; called once by the agent before it installs any advice.
     *
     * @param blockedThresholdNanos a pool worker blocked at least this long gets a PoolBlocked event
     */
    public static void initialize(long blockedThresholdNanos) {
        ExecutorHooks.blockedThresholdNanos = blockedThresholdNanos;
        ThreadState.current();
        PoolRegistry.initialize();
        PoolNames.fromWorker("pool-1-thread-1");
        PoolState probe = new PoolState(-2, new Object(), PoolState.KIND_OTHER, "", "", null, true);
        Object task = new Object();
        probe.offerQueueWaitSample(task, System.nanoTime());
        probe.takeQueueWait(task, System.nanoTime());
        probe.dropQueueWait(task);
        probe.recordQueueDepth(1);
        probe.expireQueueWaitSamples(System.nanoTime(), null);
        WorkerCounters counters = probe.workerStarted(Thread.currentThread());
        counters.runStarted(System.nanoTime());
        counters.runEnded(1, true);
        counters.runStarted(System.nanoTime());
        counters.runLeft(System.nanoTime());
        probe.name();
        probe.drain().isEmpty();
        submitDrawn(probe, ThreadLocalRandom.current().nextInt());
        if (CallDepth.enter()) {
            CallDepth.exit();
        }
        // Not ForkJoinPool.commonPool(): initializing ForkJoinPool creates the common pool, and an app that sets
        // java.util.concurrent.ForkJoinPool.common.parallelism in main would then get the default instead.
        new FutureTask<Object>(() -> null).isDone();
        // Nor CompletableFuture: its static initializer asks ForkJoinPool for the common pool.
        ForkJoinTask.adapt(() -> { }).isDone();
        // Loaded, not initialized: so they are retransformed with the loaded classes, not loaded later while Byte
        // Buddy reads ForkJoinTask's methods, which would leave them unmeasured (a class loaded inside a
        // transformation is not transformed).
        try {
            Class.forName("java.util.concurrent.ForkJoinPool", false, null);
            Class.forName("java.util.concurrent.CompletableFuture", false, null);
        } catch (ClassNotFoundException impossible) {
            // java.base has them.
        }
        ForkJoinWorkerThread.class.getName();
        new ScheduledThreadPoolExecutor(1).shutdownNow();
        try {
            Class.forName("java.util.concurrent.ThreadPerTaskExecutor"); // JDK 21+
            Class.forName("java.util.concurrent.ThreadPerTaskExecutor$TaskRunner");
            Class.forName("java.util.concurrent.ThreadPerTaskExecutor$ThreadBoundFuture");
        } catch (ClassNotFoundException absentBefore21) {
            // Nothing to instrument on this JDK.
        }
        ADAPTING.get();
        TimeUnit.NANOSECONDS.toNanos(0);
        active = true;
    }

    /** Initializes the event classes on the thread that starts the recording (see LockAdviceHelper). */
    public static void initializeEvents() {
        new TaskSubmitEvent().isEnabled();
        new PoolBlockedEvent().isEnabled();
        eventsReady = true;
    }

    /** An executor's constructor returned: register it with where it was created. */
    public static void poolCreated(Object pool) {
        if (active && CallDepth.enter()) {
            try {
                PoolRegistry.created(pool);
            } finally {
                CallDepth.exit();
            }
        }
    }

    // ---- ThreadPoolExecutor

    /** {@code ThreadPoolExecutor.execute(task)} was called (submit calls it with the FutureTask it queues). */
    public static void threadPoolExecute(ThreadPoolExecutor pool, Runnable task) {
        if (!active || task == null) {
            return;
        }
        PoolState state = PoolRegistry.stateOf(pool);
        state.submitted.increment();
        int draw = ThreadLocalRandom.current().nextInt();
        if ((draw & (QUEUE_WAIT_SAMPLE_RATE - 1)) == 0) {
            // A sample of submissions (and the depth at each period's end) gives the period's peak closely enough;
            // reading a queue's count the worker is writing cost every submission a cache miss.
            state.recordQueueDepth(pool.getQueue().size());
            state.offerQueueWaitSample(task, System.nanoTime());
        }
        submitDrawn(state, draw);
    }

    /**
     * {@code ScheduledThreadPoolExecutor.schedule*} was called ({@code execute} and {@code submit} call it too).
     * Its queue wait is not timed: a delayed task waits in the queue on purpose.
     */
    public static void scheduled(ThreadPoolExecutor pool) {
        if (!active) {
            return;
        }
        PoolState state = PoolRegistry.stateOf(pool);
        state.submitted.increment();
        submitDrawn(state, ThreadLocalRandom.current().nextInt());
    }

    /**
     * {@code ThreadPoolExecutor.reject(task)}: the handler is about to run; the task was not accepted. A
     * {@code CallerRunsPolicy} of a running pool will run it on the submitting thread: back-pressure, not refused
     * work, and counted apart.
     */
    public static void threadPoolRejected(ThreadPoolExecutor pool, Runnable task) {
        if (!active) {
            return;
        }
        PoolState state = PoolRegistry.stateOf(pool);
        if (pool.getRejectedExecutionHandler() instanceof ThreadPoolExecutor.CallerRunsPolicy && !pool.isShutdown()) {
            state.callerRuns.increment();
        } else {
            state.rejected.increment();
        }
        state.submitted.decrement(); // counted at execute, which did not accept it after all
        state.dropQueueWait(task);
    }

    /**
     * A worker thread enters its task loop ({@code runWorker}): from here until it leaves, a {@code Future.get} on
     * this thread blocks a worker of {@code pool}. Returns what the thread worked for before, for
     * {@link #workerExited}.
     */
    public static Object workerStarting(ThreadPoolExecutor pool) {
        if (!active) {
            return null;
        }
        ThreadState thread = ThreadState.current();
        Object previous = thread.workerOf;
        becomeWorker(thread, pool);
        return previous;
    }

    /** The worker leaves its task loop (idle timeout, shutdown, or a task threw). */
    public static void workerExited(Object previous) {
        if (!active) {
            return;
        }
        ThreadState thread = ThreadState.current();
        if (thread.task != null && thread.taskPool != null) {
            // afterExecute never ran for the last task (a beforeExecute override threw): it ended all the same.
            endThreadPoolTask(thread);
        }
        thread.workerOf = (PoolState) previous;
        thread.counters = null; // a nested task loop's pool, if any, counts in its adders from here
    }

    /** {@code ThreadPoolExecutor.beforeExecute}: {@code task} starts on this worker. */
    public static void threadPoolTaskStarting(ThreadPoolExecutor pool, Runnable task) {
        if (!active) {
            return;
        }
        ThreadState thread = ThreadState.current();
        if (thread.task == task) {
            return; // a subclass's beforeExecute calling super: the start is counted already
        }
        thread.finishedTask = null;
        PoolState state = thread.workerOf;
        if (state == null || state.pool() != pool) {
            // A worker started before the agent, whose runWorker runs unadvised; it works for this pool for life.
            state = becomeWorker(thread, pool);
        }
        if (thread.task != null && thread.taskPool != null) {
            endThreadPoolTask(thread); // its afterExecute never ran: count the last task's end
        }
        WorkerCounters counters = thread.countersFor(state);
        int weight = counters != null ? counters.weightOfNextRun() : 1;
        long now = weight > 0 ? nonZero(System.nanoTime()) : 0; // 0: this run is not timed
        thread.task = task;
        thread.taskPool = state;
        thread.taskStartNanos = now;
        thread.taskWeight = weight;
        thread.taskCounters = counters;
        if (counters != null) {
            if (weight > 0) {
                counters.runStarted(now);
            }
        } else {
            state.taskStarted(now);
        }
        state.takeQueueWait(task, now);
    }

    // A clock reading that is never 0, which marks an untimed run.
    private static long nonZero(long nanos) {
        return nanos == 0 ? 1 : nanos;
    }

    /**
     * {@code ThreadPoolExecutor.afterExecute}: {@code task} finished, normally or not. Without the matching
     * start (beforeExecute overridden without calling super) it is counted but not timed.
     */
    public static void threadPoolTaskFinished(ThreadPoolExecutor pool, Runnable task) {
        if (!active) {
            return;
        }
        ThreadState thread = ThreadState.current();
        if (thread.task == null && thread.finishedTask == task) {
            return; // a subclass's afterExecute calling super: the end is counted already
        }
        thread.finishedTask = task;
        if (thread.task == task && thread.taskPool != null) {
            endThreadPoolTask(thread);
            return;
        }
        if (thread.task != null && thread.taskPool != null) {
            // Not the task that started: that one is no longer in flight, and this one is counted untimed.
            if (thread.taskCounters != null) {
                thread.taskCounters.runLeft(System.nanoTime());
            } else {
                thread.taskPool.taskEnded(thread.taskStartNanos);
            }
        }
        PoolRegistry.stateOf(pool).completed.increment();
        thread.task = null;
        thread.taskPool = null;
        thread.taskCounters = null;
    }

    // The task this worker started ends at nowNanos: one completion, timed.
    private static void endThreadPoolTask(ThreadState thread) {
        WorkerCounters counters = thread.taskCounters;
        if (counters != null) {
            if (thread.taskStartNanos != 0) {
                counters.runEnded(System.nanoTime() - thread.taskStartNanos, true, thread.taskWeight);
            } else {
                counters.untimedRunEnded();
            }
        } else {
            long runNanos = System.nanoTime() - thread.taskStartNanos;
            PoolState state = thread.taskPool;
            state.completed.increment();
            state.taskEnded(thread.taskStartNanos);
            state.busyNanos.add(runNanos);
            state.runTimes.record(runNanos);
        }
        thread.task = null;
        thread.taskPool = null;
        thread.taskCounters = null;
    }

    // This thread works for pool from now on, with counters of its own while the pool has room for them.
    private static PoolState becomeWorker(ThreadState thread, ThreadPoolExecutor pool) {
        PoolState state = PoolRegistry.stateOf(pool);
        thread.workerOf = state;
        thread.counters = state.workerStarted(Thread.currentThread());
        return state;
    }

    // ---- ForkJoinPool and ForkJoinTask

    /**
     * An external submission to a ForkJoinPool ({@code execute}, {@code submit}, {@code invoke}, ...). Returns
     * whether a Runnable or Callable's queue wait is to be timed: the pool wraps it in a ForkJoinTask of its own,
     * which {@link #forkJoinTaskCreated} takes up; {@link #forkJoinSubmitExited} must then be called.
     */
    public static boolean forkJoinSubmitted(ForkJoinPool pool, Object task) {
        if (!active) {
            return false;
        }
        PoolState state = PoolRegistry.stateOf(pool);
        if (state.ignored) {
            return false;
        }
        boolean adapting = false;
        state.submitted.increment();
        int draw = ThreadLocalRandom.current().nextInt();
        if ((draw & (QUEUE_WAIT_SAMPLE_RATE - 1)) == 0) {
            // Both counts walk the pool's queues: read on a sample of submissions only.
            long depth = pool.getQueuedSubmissionCount() + pool.getQueuedTaskCount();
            state.recordQueueDepth((int) Math.min(depth, Integer.MAX_VALUE));
            if (task instanceof ForkJoinTask) {
                state.offerQueueWaitSample(task, System.nanoTime());
            } else if (task != null) {
                ThreadState thread = ThreadState.current();
                thread.adaptingFor = state;
                thread.adaptingSince = System.nanoTime();
                ADAPTING.incrementAndGet();
                adapting = true;
            }
        }
        submitDrawn(state, draw);
        return adapting;
    }

    /**
     * A ForkJoinTask was constructed. Inside a sampled {@code execute}/{@code submit} of a Runnable or Callable it
     * is the pool's wrapper (JDK 17's {@code RunnableExecuteAction}, 25's {@code AdaptedInterruptibleCallable},
     * ...), the object the worker will run: its queue wait is timed from the submission. Any other construction
     * costs a volatile read.
     */
    public static void forkJoinTaskCreated(ForkJoinTask<?> task) {
        if (ADAPTING.get() == 0) {
            return;
        }
        ThreadState thread = ThreadState.current();
        PoolState state = thread.adaptingFor;
        if (state != null) {
            thread.adaptingFor = null;
            state.offerQueueWaitSample(task, thread.adaptingSince);
        }
    }

    /** The submission that {@link #forkJoinSubmitted} said was adapting returned or threw. */
    public static void forkJoinSubmitExited() {
        ThreadState.current().adaptingFor = null;
        ADAPTING.decrementAndGet();
    }

    /** {@code invokeAll}/{@code invokeAny} on a ForkJoinPool: one submission per task. */
    public static void forkJoinSubmittedAll(ForkJoinPool pool, Collection<?> tasks) {
        if (!active || tasks == null) {
            return;
        }
        PoolState state = PoolRegistry.stateOf(pool);
        if (!state.ignored) {
            state.submitted.add(tasks.size());
        }
    }

    /**
     * {@code ForkJoinTask.fork()}: pushed to the current worker's pool, or the common pool from outside one. No
     * TaskSubmit event: a fork's site is its task's own {@code compute()}, and capturing the deep recursive stack
     * of 1 fork in 64 cost ~70 ns per fork (Bench, 250k tiny tasks, JDK 17, 2 CPUs).
     */
    public static void forked(ForkJoinTask<?> task) {
        if (!active) {
            return;
        }
        PoolState state = PoolRegistry.stateOf(currentForkJoinPool());
        if (state.ignored) {
            return;
        }
        state.submitted.increment();
        if (ThreadLocalRandom.current().nextInt(QUEUE_WAIT_SAMPLE_RATE) == 0) {
            state.offerQueueWaitSample(task, System.nanoTime());
        }
    }

    /**
     * {@code ForkJoinTask.invoke()}: the caller runs the task itself, unqueued; counted as a submission to the
     * caller's pool (the common pool from outside one), so that its run, counted as a completion, is balanced.
     */
    public static void invokedInline(ForkJoinTask<?> task) {
        if (!active) {
            return;
        }
        PoolState state = PoolRegistry.stateOf(currentForkJoinPool());
        if (!state.ignored) {
            state.submitted.increment();
        }
    }

    private static ForkJoinPool currentForkJoinPool() {
        Thread current = Thread.currentThread();
        return current instanceof ForkJoinWorkerThread
                ? ((ForkJoinWorkerThread) current).getPool() : ForkJoinPool.commonPool();
    }

    /**
     * {@code ForkJoinTask.doExec()} starts. On a pool's worker the run counts for its pool; on any other thread
     * (running its own {@code invoke}, or helping while it joins) for the common pool, the only pool the JDK lets
     * outside threads help, without busy time. Returns the thread's state for {@link #forkJoinTaskFinished}, or
     * null when the run is not counted (the virtual-thread scheduler; nested too deep).
     */
    public static Object forkJoinTaskStarting(ForkJoinTask<?> task) {
        if (!active) {
            return null;
        }
        Thread current = Thread.currentThread();
        ThreadState thread = ThreadState.current();
        boolean worker = current instanceof ForkJoinWorkerThread;
        PoolState state = worker ? thread.forkJoinPool(((ForkJoinWorkerThread) current).getPool())
                : PoolRegistry.stateOf(ForkJoinPool.commonPool());
        if (state.ignored || thread.depth >= ThreadState.MAX_FRAMES) {
            return null;
        }
        long now = System.nanoTime();
        if (worker && thread.runDepth == 0) {
            WorkerCounters counters = thread.countersFor(state);
            if (counters != null) {
                counters.runStarted(now); // the outermost run: busy time, in flight until it ends
            }
        }
        thread.external[thread.depth] = !worker;
        thread.push(ThreadState.RUN, state, now, null);
        state.takeQueueWait(task, now);
        return thread;
    }

    /**
     * The run begun in {@link #forkJoinTaskStarting} ended. Busy time counts the outermost run on a worker only:
     * a join that helps runs other tasks inside its own.
     */
    public static void forkJoinTaskFinished(Object threadState) {
        ThreadState thread = (ThreadState) threadState;
        int d = thread.depth - 1;
        long runNanos = System.nanoTime() - thread.startNanos[d];
        PoolState state = thread.pools[d];
        boolean busy = thread.runDepth == 1 && !thread.external[d];
        WorkerCounters counters = thread.external[d] ? null : thread.countersFor(state);
        if (counters != null) {
            counters.runEnded(runNanos, busy);
        } else {
            state.completed.increment();
            state.runTimes.record(runNanos);
            if (busy) {
                state.busyNanos.add(runNanos);
            }
        }
        thread.ranNanos = thread.savedRanNanos[d] + runNanos;
        thread.pop();
    }

    // ---- ThreadPerTaskExecutor (JDK 21+)

    /**
     * A thread-per-task executor starts {@code taskThread} for a task. The time until the task starts running on
     * it (a virtual thread waiting for a carrier) is its queue wait, sampled like a pool's.
     */
    public static void threadPerTaskStarting(Object executor, Thread taskThread) {
        if (!active) {
            return;
        }
        PoolState state = PoolRegistry.stateOf(executor);
        state.submitted.increment();
        state.running.increment();
        int draw = ThreadLocalRandom.current().nextInt();
        if ((draw & (QUEUE_WAIT_SAMPLE_RATE - 1)) == 0 && taskThread != null) {
            state.offerQueueWaitSample(taskThread, System.nanoTime());
        }
        submitDrawn(state, draw);
    }

    /** A thread-per-task executor's task starts running on its own thread; returns the start for the end. */
    public static long threadPerTaskRunStarting(Object executor) {
        if (!active) {
            return 0;
        }
        long now = System.nanoTime();
        PoolState state = PoolRegistry.stateOf(executor);
        state.taskStarted(now);
        state.takeQueueWait(Thread.currentThread(), now);
        return now;
    }

    /** The run {@link #threadPerTaskRunStarting} began ended (its completion is counted by taskComplete). */
    public static void threadPerTaskRunEnded(Object executor, long startNanos) {
        if (!active || startNanos == 0) {
            return;
        }
        long runNanos = System.nanoTime() - startNanos;
        PoolState state = PoolRegistry.stateOf(executor);
        state.taskEnded(startNanos);
        state.busyNanos.add(runNanos);
        state.runTimes.record(runNanos);
    }

    /** Starting the task's thread failed (shut down): it was rejected, and already counted as complete. */
    public static void threadPerTaskRejected(Object executor, Thread taskThread) {
        if (!active) {
            return;
        }
        PoolState state = PoolRegistry.stateOf(executor);
        state.dropQueueWait(taskThread);
        state.submitted.decrement();
        state.completed.decrement();
        state.rejected.increment();
    }

    /** A task's thread of a thread-per-task executor ends. */
    public static void threadPerTaskCompleted(Object executor) {
        if (!active) {
            return;
        }
        PoolState state = PoolRegistry.stateOf(executor);
        state.completed.increment();
        state.running.decrement();
    }

    // ---- Futures

    /**
     * A thread is about to wait for {@code future}. Returns the thread's state for {@link #waitExited} when the
     * thread is a pool worker and the future is not done, else null (nothing to time).
     *
     * <p>A ForkJoinTask joined on a fork/join worker is not timed: that is the framework's own join, which runs
     * other tasks meanwhile and compensates with a spare thread when it must block, not starvation; timing it
     * cost recursive fork/join code ~100 ns per task.
     */
    public static Object waitEntering(Future<?> future) {
        Thread current = Thread.currentThread();
        boolean forkJoinWorker = current instanceof ForkJoinWorkerThread;
        if (!active || (forkJoinWorker && future instanceof ForkJoinTask)) {
            return null;
        }
        ThreadState thread = ThreadState.current();
        PoolState state = thread.workerOf;
        if (state == null && forkJoinWorker) {
            state = thread.forkJoinPool(((ForkJoinWorkerThread) current).getPool());
        }
        if (state == null || state.ignored || thread.depth >= ThreadState.MAX_FRAMES || future.isDone()) {
            return null;
        }
        PoolBlockedEvent event = null;
        if (eventsReady) {
            event = new PoolBlockedEvent();
            if (event.isEnabled()) {
                event.begin();
            } else {
                event = null;
            }
        }
        thread.push(ThreadState.WAIT, state, System.nanoTime(), event);
        return thread;
    }

    /** The wait begun in {@link #waitEntering} ended; {@code method} is the awaiting method, type and name. */
    public static void waitExited(Object threadState, String method) {
        ThreadState thread = (ThreadState) threadState;
        int d = thread.depth - 1;
        long blockedNanos = System.nanoTime() - thread.startNanos[d] - thread.ranNanos;
        PoolState state = thread.pools[d];
        PoolBlockedEvent event = (PoolBlockedEvent) thread.events[d];
        thread.ranNanos = thread.savedRanNanos[d];
        thread.pop();
        if (event == null || blockedNanos < blockedThresholdNanos || !CallDepth.enter()) {
            return;
        }
        try {
            event.end();
            if (event.shouldCommit()) {
                event.poolId = state.id;
                event.poolName = state.name();
                event.awaitedPoolId = -1;
                event.waitNanos = blockedNanos;
                event.method = method;
                event.commit();
            }
        } finally {
            CallDepth.exit();
        }
    }

    // Writes a TaskSubmit event for one submission in the pool's current rate; draw is a uniform random int, whose
    // low bits may have decided the queue-wait sample (the bits above them decide this one).
    private static void submitDrawn(PoolState state, int draw) {
        int rate = state.submitSampleRate();
        if (((draw >>> 3) & (rate - 1)) != 0 || !eventsReady || !CallDepth.enter()) {
            return;
        }
        try {
            TaskSubmitEvent event = new TaskSubmitEvent();
            if (event.isEnabled()) {
                event.poolId = state.id;
                event.poolName = state.name();
                event.weight = rate;
                event.commit();
                state.submitEventWritten();
            }
        } finally {
            CallDepth.exit();
        }
    }

    private ExecutorHooks() {}
}
