// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.bootstrap.executors;

import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.Collection;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one executor instance since the last time they were drained, and the few of its queued tasks whose
 * queue wait is being timed.
 *
 * <p>Assumptions and guarantees: any thread records into it concurrently (striped adders, CAS, no lock); one
 * thread (JFR's periodic task) drains it. Holds its pool weakly. The queue-wait side table has
 * {@link #QUEUE_WAIT_SLOTS} entries: a sampled submission finding them all taken is not timed, so memory and the
 * cost of the look-up at a task's start (a volatile read, and a scan of the slots only while some are taken)
 * stay bounded whatever the queue holds.
 */
public final class PoolState {

    /**
     * TaskSubmit events a pool gets per period, about: its submissions are sampled at a power-of-two rate set from
     * the previous period's count, so that a pool of a few tasks has each one's site and a pool of millions pays
     * for a stack walk once in hundreds of thousands (at 1 in 64, the walks cost ~40 ns of a trivial task's
     * ~200 ns in {@code ExecutorTaskBench.executeBatch}).
     */
    static final int SUBMIT_EVENTS_PER_PERIOD = 32;
    /** The rate before a pool's first period ends: one submission in this many. */
    static final int INITIAL_SUBMIT_SAMPLE_RATE = 64;
    /** Highest rate: the draw has 29 bits for it, above the queue-wait sample's 3. */
    static final int MAX_SUBMIT_SAMPLE_RATE = 1 << 28;

    /** Worker threads per pool that count their runs in {@link WorkerCounters}; more share the pool's adders. */
    static final int MAX_WORKER_COUNTERS = 256;

    /** Queued tasks per pool whose wait can be timed at once; each start scans at most this many slots. */
    public static final int QUEUE_WAIT_SLOTS = 8;

    /** A sampled task still queued after this long is looked for in the queue; gone, its slot is freed. */
    static final long STALE_SAMPLE_NANOS = 1_000_000_000L; // 1 s, one period
    /** Queues longer than this are not searched for stale samples: {@code contains} is linear and locks them. */
    static final int MAX_QUEUE_SEARCHED = 10_000;
    /** A sampled task queued this long is dropped whatever: its wait is reported by the queue depth anyway. */
    static final long MAX_SAMPLE_AGE_NANOS = 600_000_000_000L; // 10 min

    public static final int KIND_OTHER = 0;
    public static final int KIND_THREAD_POOL = 1;
    public static final int KIND_FORK_JOIN = 2;
    public static final int KIND_THREAD_PER_TASK = 3;

    public final long id;
    public final int kind;
    public final String poolClass;
    /** Frames where the pool was constructed, innermost first, newline-separated; empty if unknown. */
    public final String creationSite;
    /** The virtual-thread scheduler and pools alike: counted nowhere, reported never. */
    public final boolean ignored;
    private final WeakReference<Object> pool;
    private volatile String workerName; // derived from the worker threads' names, null until one ran a task

    final LongAdder submitted = new LongAdder();
    final LongAdder completed = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder callerRuns = new LongAdder();
    final LongAdder busyNanos = new LongAdder();
    /** Tasks started and not finished, for executors without a pool size of their own (thread per task). */
    final LongAdder running = new LongAdder();
    final AtomicInteger maxQueueDepth = new AtomicInteger();
    private volatile int submitSampleRate = INITIAL_SUBMIT_SAMPLE_RATE; // a power of two
    private final AtomicInteger submitEvents = new AtomicInteger(); // since the rate was last set
    // ThreadPoolExecutor tasks running now: how many, and the sum of their start times (relative to BASE_NANOS, so
    // that count x now cannot overflow). A period's busy time then includes the part of the tasks still running at
    // its end: a pool of long tasks is busy in every period, not only in the one its tasks end in.
    private static final long BASE_NANOS = System.nanoTime();
    private final LongAdder tasksInFlight = new LongAdder();
    private final LongAdder inFlightStartSum = new LongAdder();
    private long inFlightAtLastDrain; // drain() only
    final TaskHistogram runTimes = new TaskHistogram();
    final TaskHistogram queueWaits = new TaskHistogram();

    // Copy-on-write under this pool's monitor (a worker is added once in its life); read by the drain.
    private volatile WorkerCounters[] workers = new WorkerCounters[0];

    private final AtomicReferenceArray<PendingTask> slots = new AtomicReferenceArray<>(QUEUE_WAIT_SLOTS);
    private final AtomicInteger pending = new AtomicInteger();

    PoolState(long id, Object pool, int kind, String poolClass, String creationSite, String fixedName,
            boolean ignored) {
        this.id = id;
        this.pool = new WeakReference<>(pool);
        this.kind = kind;
        this.poolClass = poolClass;
        this.creationSite = creationSite == null ? "" : creationSite;
        this.workerName = fixedName;
        this.ignored = ignored;
    }

    /** The executor, or null once collected. */
    public Object pool() {
        return pool.get();
    }

    /**
     * The name the contract gives the pool: its workers' common name, else {@code ClassSimpleName@site-frame}.
     */
    public String name() {
        String name = workerName;
        if (name != null) {
            return name;
        }
        String simple = poolClass.substring(poolClass.lastIndexOf('.') + 1);
        int end = creationSite.indexOf('\n');
        String frame = end < 0 ? creationSite : creationSite.substring(0, end);
        return frame.isEmpty() ? simple : simple + "@" + frame;
    }

    /**
     * {@code thread} becomes a worker of this pool: its name joins the pool's name, and it gets its own counters,
     * or null when the pool has {@link #MAX_WORKER_COUNTERS} already (its runs then go to the pool's adders).
     * Called once per worker thread.
     */
    synchronized WorkerCounters workerStarted(Thread thread) {
        String derived = PoolNames.fromWorker(thread.getName());
        String current = workerName;
        if (derived != null && !derived.equals(current)) {
            workerName = current == null ? derived : PoolNames.common(current, derived);
        }
        WorkerCounters[] now = workers;
        if (now.length >= MAX_WORKER_COUNTERS) {
            return null;
        }
        WorkerCounters counters = WorkerCounters.create(this, thread);
        if (counters == null) {
            return null;
        }
        WorkerCounters[] grown = Arrays.copyOf(now, now.length + 1);
        grown[now.length] = counters;
        workers = grown;
        return counters;
    }

    // Forgets the counters of workers whose thread ended, once the drain has taken their last counts.
    private synchronized void workersEnded(WorkerCounters[] ended, int count) {
        WorkerCounters[] now = workers;
        WorkerCounters[] kept = new WorkerCounters[now.length];
        int n = 0;
        outer:
        for (WorkerCounters w : now) {
            for (int i = 0; i < count; i++) {
                if (ended[i] == w) {
                    w.release();
                    continue outer;
                }
            }
            kept[n++] = w;
        }
        workers = Arrays.copyOf(kept, n);
    }

    /** One submission in this many (a power of two) gets a TaskSubmit event, weighted by it. */
    int submitSampleRate() {
        return submitSampleRate;
    }

    /**
     * A TaskSubmit event was written. Past twice the period's budget the rate doubles at once, so that a burst after
     * a quiet period does not walk every submission's stack until the period ends (each event carries the rate
     * it was drawn at, so the weights stay right).
     */
    void submitEventWritten() {
        if (submitEvents.incrementAndGet() >= 2 * SUBMIT_EVENTS_PER_PERIOD) {
            submitEvents.set(0);
            int rate = submitSampleRate;
            if (rate < MAX_SUBMIT_SAMPLE_RATE) {
                submitSampleRate = rate << 1;
            }
        }
    }

    /** The sample rate that gives about {@link #SUBMIT_EVENTS_PER_PERIOD} events for {@code submitted} submissions. */
    static int submitSampleRateFor(long submitted) {
        long wanted = submitted / SUBMIT_EVENTS_PER_PERIOD;
        if (wanted <= 1) {
            return 1;
        }
        return (int) Math.min(MAX_SUBMIT_SAMPLE_RATE, Long.highestOneBit(wanted - 1) << 1);
    }

    void recordQueueDepth(int depth) {
        int max;
        while (depth > (max = maxQueueDepth.get())) {
            if (maxQueueDepth.compareAndSet(max, depth)) {
                return;
            }
        }
    }

    /** Starts timing the queue wait of {@code task}, submitted at {@code nowNanos}, if a slot is free. */
    void offerQueueWaitSample(Object task, long nowNanos) {
        if (pending.get() >= QUEUE_WAIT_SLOTS) {
            return;
        }
        for (int i = 0; i < QUEUE_WAIT_SLOTS; i++) {
            if (slots.get(i) == null && slots.compareAndSet(i, null, new PendingTask(task, nowNanos))) {
                pending.incrementAndGet();
                return;
            }
        }
    }

    /**
     * {@code task} starts running at {@code nowNanos} (0: not read yet, read here only if needed): if its wait was
     * being timed, records it and frees the slot.
     */
    void takeQueueWait(Object task, long nowNanos) {
        if (pending.get() == 0) {
            return;
        }
        for (int i = 0; i < QUEUE_WAIT_SLOTS; i++) {
            PendingTask p = slots.get(i);
            if (p != null && p.get() == task) {
                if (slots.compareAndSet(i, p, null)) {
                    pending.decrementAndGet();
                    queueWaits.record((nowNanos != 0 ? nowNanos : System.nanoTime()) - p.submitNanos);
                }
                return;
            }
        }
    }

    /** {@code task} will never start (rejected): frees its slot without recording a wait. */
    void dropQueueWait(Object task) {
        if (pending.get() == 0) {
            return;
        }
        for (int i = 0; i < QUEUE_WAIT_SLOTS; i++) {
            PendingTask p = slots.get(i);
            if (p != null && p.get() == task && slots.compareAndSet(i, p, null)) {
                pending.decrementAndGet();
                return;
            }
        }
    }

    /**
     * Frees the slots of sampled tasks that will not start: collected, done (cancelled in the queue), removed
     * from {@code queue} (null when the pool's queue cannot be searched), or queued for longer than anyone waits.
     * Called by the periodic task only.
     */
    public void expireQueueWaitSamples(long nowNanos, Collection<?> queue) {
        if (pending.get() == 0) {
            return;
        }
        boolean searchable = queue != null && queue.size() <= MAX_QUEUE_SEARCHED;
        for (int i = 0; i < QUEUE_WAIT_SLOTS; i++) {
            PendingTask p = slots.get(i);
            if (p == null) {
                continue;
            }
            Object task = p.get();
            long age = nowNanos - p.submitNanos;
            boolean gone = task == null || (task instanceof Future && ((Future<?>) task).isDone())
                    || age > MAX_SAMPLE_AGE_NANOS
                    || (age > STALE_SAMPLE_NANOS && searchable && !queue.contains(task));
            if (gone && slots.compareAndSet(i, p, null)) {
                pending.decrementAndGet();
            }
        }
    }

    /** A ThreadPoolExecutor task started running at {@code startNanos}. */
    void taskStarted(long startNanos) {
        tasksInFlight.increment();
        inFlightStartSum.add(startNanos - BASE_NANOS);
    }

    /** The task started at {@code startNanos} ended (its run time goes to {@link #busyNanos} separately). */
    void taskEnded(long startNanos) {
        tasksInFlight.decrement();
        inFlightStartSum.add(BASE_NANOS - startNanos);
    }

    /** Counters since the previous drain, reset as they are read. */
    public Drained drain() {
        long nowNanos = System.nanoTime();
        Totals totals = new Totals();
        WorkerCounters[] now = workers;
        WorkerCounters[] ended = null;
        int endedCount = 0;
        for (WorkerCounters w : now) {
            if (!w.drainInto(totals, nowNanos)) {
                if (ended == null) {
                    ended = new WorkerCounters[now.length];
                }
                ended[endedCount++] = w;
            }
        }
        if (ended != null) {
            workersEnded(ended, endedCount);
        }
        // Runs counted in the pool's adders (no counters of their own): busy = runs that ended in the period + what
        // the running tasks ran by now - what they had run at the last drain (counted then). The two adders are
        // read apart, so a task starting in between skews it by a little.
        long inFlight = Math.max(0, tasksInFlight.sum() * (nowNanos - BASE_NANOS) - inFlightStartSum.sum());
        long busy = busyNanos.sumThenReset() + inFlight - inFlightAtLastDrain + totals.busyNanos;
        inFlightAtLastDrain = inFlight;
        runTimes.drainInto(totals.runTimes);
        long submittedInPeriod = submitted.sumThenReset();
        submitEvents.set(0);
        submitSampleRate = submitSampleRateFor(submittedInPeriod);
        return new Drained(submittedInPeriod, completed.sumThenReset() + totals.completed,
                rejected.sumThenReset(), callerRuns.sumThenReset(), Math.max(0, busy), maxQueueDepth.getAndSet(0),
                TaskHistogram.encode(totals.runTimes), queueWaits.drainEncoded(), running.sum());
    }

    /** What the workers' own counters add to one drain. */
    static final class Totals {
        long completed;
        long busyNanos;
        final long[] runTimes = new long[TaskHistogram.BUCKETS];
    }

    /** One period's counters of a pool. */
    public static final class Drained {
        public final long submitted;
        public final long completed;
        public final long rejected;
        /** Tasks CallerRunsPolicy ran on the submitting thread instead (not in {@link #rejected}). */
        public final long callerRuns;
        public final long busyNanos;
        public final int maxQueueDepth;
        public final String runTimeHistogram;
        public final String queueWaitHistogram;
        /** Tasks running now, as counted by the agent (thread-per-task executors only). */
        public final long running;

        Drained(long submitted, long completed, long rejected, long callerRuns, long busyNanos, int maxQueueDepth,
                String runTimeHistogram, String queueWaitHistogram, long running) {
            this.submitted = submitted;
            this.completed = completed;
            this.rejected = rejected;
            this.callerRuns = callerRuns;
            this.busyNanos = busyNanos;
            this.maxQueueDepth = maxQueueDepth;
            this.runTimeHistogram = runTimeHistogram;
            this.queueWaitHistogram = queueWaitHistogram;
            this.running = running;
        }

        /** Nothing happened in the period (the pool's queue and threads are not looked at here). */
        public boolean isEmpty() {
            return submitted == 0 && completed == 0 && rejected == 0 && callerRuns == 0 && busyNanos == 0
                    && maxQueueDepth == 0;
        }
    }

    /** A sampled task's submission time, keyed weakly by the task's identity. */
    private static final class PendingTask extends WeakReference<Object> {
        final long submitNanos;

        PendingTask(Object task, long submitNanos) {
            super(task);
            this.submitNanos = submitNanos;
        }
    }
}
