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

/**
 * Called from advice inlined into the JDK's executors and futures: counts submissions, completions and rejections
 * per pool, times every task's run and a sample of queue waits, and records pool workers blocked on futures.
 *
 * <p>Assumptions and guarantees: called on the app's threads inside {@code execute}, {@code submit}, the workers'
 * task loop and {@code Future.get}; never throws (advice suppresses anyway), never wraps or replaces a task, never
 * blocks on an instrumented lock on the submit and run paths. Per task: a submission costs a registry probe, an
 * adder increment and a thread-local random draw; a run costs a thread-local read, two clock reads and three adder
 * increments. One submission in {@link #QUEUE_WAIT_SAMPLE_RATE} allocates a weak entry to time its queue wait,
 * one in {@link #SUBMIT_SAMPLE_RATE} writes a {@code contention.TaskSubmit} event.
 */
public final class ExecutorHooks {

    /** One submission in this many gets a TaskSubmit event with its stack (per thread, at random). */
    public static final int SUBMIT_SAMPLE_RATE = 64;

    /** One submission in this many has its queue wait timed, when one of its pool's slots is free. */
    public static final int QUEUE_WAIT_SAMPLE_RATE = 8;

    private static volatile boolean active;
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
        PoolState probe = new PoolState(-2, new Object(), PoolState.KIND_OTHER, "", "", null, true, false);
        Object task = new Object();
        probe.offerQueueWaitSample(task, System.nanoTime());
        probe.takeQueueWait(task, System.nanoTime());
        probe.dropQueueWait(task);
        probe.recordQueueDepth(1);
        probe.expireQueueWaitSamples(System.nanoTime(), null);
        probe.workerSeen("probe-1");
        probe.name();
        probe.drain().isEmpty();
        ThreadLocalRandom.current().nextInt(SUBMIT_SAMPLE_RATE);
        if (CallDepth.enter()) {
            CallDepth.exit();
        }
        // Not ForkJoinPool.commonPool(): initializing ForkJoinPool creates the common pool, and an app that sets
        // java.util.concurrent.ForkJoinPool.common.parallelism in main would then get the default instead.
        new FutureTask<Object>(() -> null).isDone();
        // Nor CompletableFuture: its static initializer asks ForkJoinPool for the common pool.
        ForkJoinTask.adapt(() -> { }).isDone();
        ForkJoinWorkerThread.class.getName();
        new ScheduledThreadPoolExecutor(1).shutdownNow();
        try {
            Class.forName("java.util.concurrent.ThreadPerTaskExecutor"); // JDK 21+
        } catch (ClassNotFoundException absentBefore21) {
            // Nothing to instrument on this JDK.
        }
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
        int draw = ThreadLocalRandom.current().nextInt(SUBMIT_SAMPLE_RATE);
        boolean sampled = (draw & (QUEUE_WAIT_SAMPLE_RATE - 1)) == 0;
        if (state.cheapQueueSize || sampled) {
            state.recordQueueDepth(pool.getQueue().size());
        }
        if (sampled) {
            state.offerQueueWaitSample(task, System.nanoTime());
        }
        if (draw == 0) {
            submitEvent(state);
        }
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
        if (ThreadLocalRandom.current().nextInt(SUBMIT_SAMPLE_RATE) == 0) {
            submitEvent(state);
        }
    }

    /** {@code ThreadPoolExecutor.reject(task)}: the handler is about to run; the task was not accepted. */
    public static void threadPoolRejected(ThreadPoolExecutor pool, Runnable task) {
        if (!active) {
            return;
        }
        PoolState state = PoolRegistry.stateOf(pool);
        state.rejected.increment();
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
        thread.workerOf = workerState(pool);
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
            thread.taskPool.completed.increment();
            thread.taskPool.taskEnded(thread.taskStartNanos);
            thread.task = null;
            thread.taskPool = null;
        }
        thread.workerOf = (PoolState) previous;
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
            state = workerState(pool);
            thread.workerOf = state;
        }
        long now = System.nanoTime();
        if (thread.task != null && thread.taskPool != null) {
            thread.taskPool.completed.increment(); // its afterExecute never ran: count the last task's end
            thread.taskPool.taskEnded(thread.taskStartNanos);
        }
        thread.task = task;
        thread.taskPool = state;
        thread.taskStartNanos = now;
        state.taskStarted(now);
        state.takeQueueWait(task, now);
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
            long runNanos = System.nanoTime() - thread.taskStartNanos;
            PoolState state = thread.taskPool;
            state.completed.increment();
            state.taskEnded(thread.taskStartNanos);
            state.busyNanos.add(runNanos);
            state.runTimes.record(runNanos);
        } else {
            if (thread.task != null && thread.taskPool != null) {
                thread.taskPool.taskEnded(thread.taskStartNanos); // not the task that started: no longer in flight
            }
            PoolRegistry.stateOf(pool).completed.increment();
        }
        thread.task = null;
        thread.taskPool = null;
    }

    private static PoolState workerState(ThreadPoolExecutor pool) {
        PoolState state = PoolRegistry.stateOf(pool);
        state.workerSeen(Thread.currentThread().getName());
        return state;
    }

    // ---- ForkJoinPool and ForkJoinTask

    /** An external submission to a ForkJoinPool ({@code execute}, {@code submit}, {@code invoke}, ...). */
    public static void forkJoinSubmitted(ForkJoinPool pool, Object task) {
        if (!active) {
            return;
        }
        PoolState state = PoolRegistry.stateOf(pool);
        if (state.ignored) {
            return;
        }
        state.submitted.increment();
        int draw = ThreadLocalRandom.current().nextInt(SUBMIT_SAMPLE_RATE);
        if ((draw & (QUEUE_WAIT_SAMPLE_RATE - 1)) == 0) {
            // Both counts walk the pool's queues: read on a sample of submissions only.
            long depth = pool.getQueuedSubmissionCount() + pool.getQueuedTaskCount();
            state.recordQueueDepth((int) Math.min(depth, Integer.MAX_VALUE));
            // A Runnable or Callable is wrapped inside the pool, out of sight: only a task passed in is timed.
            if (task instanceof ForkJoinTask) {
                state.offerQueueWaitSample(task, System.nanoTime());
            }
        }
        if (draw == 0) {
            submitEvent(state);
        }
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
        state.completed.increment();
        state.runTimes.record(runNanos);
        if (thread.runDepth == 1 && !thread.external[d]) {
            state.busyNanos.add(runNanos);
        }
        thread.ranNanos = thread.savedRanNanos[d] + runNanos;
        thread.pop();
    }

    // ---- ThreadPerTaskExecutor (JDK 21+)

    /** A thread-per-task executor starts a task's thread. */
    public static void threadPerTaskStarting(Object executor) {
        if (!active) {
            return;
        }
        PoolState state = PoolRegistry.stateOf(executor);
        state.submitted.increment();
        state.running.increment();
        if (ThreadLocalRandom.current().nextInt(SUBMIT_SAMPLE_RATE) == 0) {
            submitEvent(state);
        }
    }

    /** Starting the task's thread failed (shut down): it was rejected, and already counted as complete. */
    public static void threadPerTaskRejected(Object executor) {
        if (!active) {
            return;
        }
        PoolState state = PoolRegistry.stateOf(executor);
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

    private static void submitEvent(PoolState state) {
        if (!eventsReady || !CallDepth.enter()) {
            return;
        }
        try {
            TaskSubmitEvent event = new TaskSubmitEvent();
            if (event.isEnabled()) {
                event.poolId = state.id;
                event.poolName = state.name();
                event.weight = SUBMIT_SAMPLE_RATE;
                event.commit();
            }
        } finally {
            CallDepth.exit();
        }
    }

    private ExecutorHooks() {}
}
