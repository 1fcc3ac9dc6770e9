// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.bootstrap.executors;

/**
 * What one thread is doing for the executors: which pool it works for, the thread-pool task it runs, and a stack of
 * the fork/join task runs and future waits it is inside (fork/join tasks run nested when a join helps).
 *
 * <p>Assumptions and guarantees: thread-confined (one instance per thread through {@link #current()}); never
 * allocates after construction. Deeper than {@link #MAX_FRAMES} nested runs and waits are not timed.
 */
public final class ThreadState {

    static final int MAX_FRAMES = 32;

    static final byte RUN = 0;
    static final byte WAIT = 1;

    private static final ThreadLocal<ThreadState> CURRENT = new ThreadLocal<ThreadState>() {
        @Override
        protected ThreadState initialValue() {
            return new ThreadState();
        }
    };

    /** The ThreadPoolExecutor whose worker this thread is (set in {@code runWorker}), or null. */
    PoolState workerOf;
    /** This thread's own counters for the pool it works for ({@link #workerOf} or its fork/join pool), or null. */
    WorkerCounters counters;

    // The ThreadPoolExecutor task running now, between beforeExecute and afterExecute; null if none.
    Object task;
    PoolState taskPool;
    long taskStartNanos; // 0 when the run is not timed
    int taskWeight; // runs the timed run in progress stands for (WorkerCounters.weightOfNextRun)
    WorkerCounters taskCounters; // the counters the running task's start went to, or null (the pool's adders)
    // The task whose end was counted last: a subclass's afterExecute that calls super reaches the hook twice.
    Object finishedTask;

    // A sampled ForkJoinPool submission of a Runnable or Callable on this thread, until the pool wraps it.
    PoolState adaptingFor;
    long adaptingSince;

    // The last pool looked up from this thread's ForkJoinWorkerThread.getPool(): a worker has one pool for life.
    Object cachedPool;
    PoolState cachedState;

    /**
     * Time spent running fork/join tasks since the innermost open wait began: a join that helps runs other tasks
     * instead of blocking, and that time is not blocked time.
     */
    long ranNanos;

    int depth;
    int runDepth; // RUN frames on the stack
    final byte[] kinds = new byte[MAX_FRAMES];
    final PoolState[] pools = new PoolState[MAX_FRAMES];
    final long[] startNanos = new long[MAX_FRAMES];
    final long[] savedRanNanos = new long[MAX_FRAMES];
    final Object[] events = new Object[MAX_FRAMES];
    /** A RUN frame on a thread that is not the pool's worker (a caller helping the common pool): no busy time. */
    final boolean[] external = new boolean[MAX_FRAMES];

    static ThreadState current() {
        return CURRENT.get();
    }

    /** The state of this worker's fork/join pool, looked up once per thread. */
    PoolState forkJoinPool(Object pool) {
        if (pool != cachedPool) {
            PoolState state = PoolRegistry.stateOf(pool);
            if (!state.ignored) {
                counters = state.workerStarted(Thread.currentThread());
            }
            cachedPool = pool;
            cachedState = state;
        }
        return cachedState;
    }

    /** This thread's counters if they count runs for {@code pool}, else null (its runs go to the pool's adders). */
    WorkerCounters countersFor(PoolState pool) {
        WorkerCounters c = counters;
        return c != null && c.pool == pool ? c : null;
    }

    void push(byte kind, PoolState pool, long now, Object event) {
        int d = depth++;
        kinds[d] = kind;
        pools[d] = pool;
        startNanos[d] = now;
        savedRanNanos[d] = ranNanos;
        events[d] = event;
        if (kind == RUN) {
            runDepth++;
        } else {
            ranNanos = 0;
        }
    }

    void pop() {
        int d = --depth;
        if (kinds[d] == RUN) {
            runDepth--;
        }
        pools[d] = null;
        events[d] = null;
    }
}
