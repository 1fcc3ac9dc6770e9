// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.bootstrap;

import contention.agent.bootstrap.events.LockWaitEvent;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Called from advice inlined into {@code java.util.concurrent.locks}: times every wait in the synchronizers' slow
 * path, samples holds, and records both per lock.
 *
 * <p>A lock here is its synchronizer (the {@code AbstractQueuedSynchronizer} inside a {@code ReentrantLock},
 * {@code ReentrantReadWriteLock} or {@code Semaphore}, or an app's own), because that is the object both the slow
 * path and the lock share; it is created inside the lock's constructor, so its allocation site is the lock's.
 *
 * <p>Assumptions and guarantees: called on the app's threads, inside the app's lock and unlock calls, so it never
 * throws (advice suppresses anyway) and never blocks on an instrumented lock. An acquisition that finds the lock
 * free never reaches the slow path, so it costs nothing here but the hold sample: a thread-local random draw on
 * lock and, on unlock, a read of a counter that is 0 unless some thread has a sampled hold open.
 */
public final class LockAdviceHelper {

    /** One acquisition in this many is timed until its release; holds and acquisitions are scaled by it. */
    public static final int HOLD_SAMPLE_RATE = 64;

    /** One wait in this many below the LockWait threshold still gets an event with a stack, weighted by it. */
    public static final int SHORT_WAIT_SAMPLE_RATE = 16;

    private static volatile long longWaitNanos = 1_000_000L; // 1 ms; set by initialize
    private static volatile boolean active;
    private static volatile boolean eventsReady; // LockWaitEvent initialized, off the app's threads

    /**
     * Initializes every class the advice reaches, then starts recording. Called once by the agent before it
     * installs any advice: a class initialized inside an instrumented call could recurse into it, and with
     * suppressed advice the failure would silently record nothing.
     *
     * @param longWaitThresholdNanos every wait at least this long gets a LockWait event
     */
    public static void initialize(long longWaitThresholdNanos) {
        if (CallDepth.enter()) {
            CallDepth.exit();
        }
        HoldSamples.current();
        LockRegistry.states();
        LockKinds.isLock(new Object());
        AllocationSites.isJdkOrAgent("");
        AllocationSites.tryAcquireBudget();
        ThreadLocalRandom.current().nextInt(HOLD_SAMPLE_RATE);
        // Load the synchronizers now, so they are retransformed with the classes already loaded: one loaded later,
        // while Byte Buddy is busy transforming another class, would be skipped for good.
        new java.util.concurrent.locks.ReentrantLock(true).newCondition();
        new java.util.concurrent.locks.ReentrantLock(false);
        new java.util.concurrent.locks.ReentrantReadWriteLock(true);
        new java.util.concurrent.locks.ReentrantReadWriteLock(false);
        new java.util.concurrent.Semaphore(1, true);
        new java.util.concurrent.Semaphore(1, false);
        new java.util.concurrent.locks.StampedLock();
        java.util.concurrent.locks.AbstractQueuedLongSynchronizer.ConditionObject.class.getName();
        AWAIT_SIGNALLED.get();
        MonitorHooks.initialize();
        longWaitNanos = longWaitThresholdNanos;
        active = true;
    }

    /**
     * Initializes the event class, which loads a good part of JFR (~0.1 s), on the thread that starts the
     * recording rather than before {@code main}; until then waits are counted but get no event, as they would
     * have found no recording anyway.
     */
    public static void initializeEvents() {
        new LockWaitEvent().isEnabled();
        eventsReady = true;
    }

    /** A synchronizer was constructed: remember where, within the capture budget, if it is a lock. */
    public static void created(Object sync) {
        // Cheapest check first: past its budget a thread returns after a thread-local read and a decrement.
        if (!active || !AllocationSites.tryAcquireBudget() || !LockKinds.isLock(sync) || !CallDepth.enter()) {
            return;
        }
        try {
            LockRegistry.register(sync, AllocationSites.capture());
        } finally {
            CallDepth.exit();
        }
    }

    /**
     * A thread enters the synchronizer's slow path: the lock was not free, so it spins or parks from here. Returns
     * the start of the wait, or 0 when the wait is not recorded (not a lock, or the agent's own call).
     */
    public static long slowPathEntered(Object sync) {
        return active && LockKinds.isLock(sync) ? System.nanoTime() : 0L;
    }

    /**
     * The slow path ended: {@code result} is positive when the lock was acquired, 0 when a timed wait timed out,
     * negative when the thread was interrupted (the synchronizers' own convention).
     */
    public static void slowPathExited(Object sync, boolean shared, long waitStartNanos, int result) {
        if (waitStartNanos == 0 || !CallDepth.enter()) {
            return;
        }
        try {
            recordWait(sync, shared, System.nanoTime() - waitStartNanos, result);
        } finally {
            CallDepth.exit();
        }
    }

    /**
     * The slow path ended for a thread re-acquiring the lock after {@code Condition.await}: it always passes there,
     * lock free or not, so only a re-acquisition that actually waited counts as contended.
     */
    public static void reacquiredAfterAwait(Object sync, boolean shared, long waitStartNanos, int result) {
        if (waitStartNanos == 0) {
            return;
        }
        long waitNanos = System.nanoTime() - waitStartNanos;
        if (waitNanos < REACQUIRE_FLOOR_NANOS || !CallDepth.enter()) {
            return;
        }
        try {
            recordWait(sync, shared, waitNanos, result);
        } finally {
            CallDepth.exit();
        }
    }

    /** Below this, a re-acquisition after a signal found the lock free: the clock reads and one CAS. */
    static final long REACQUIRE_FLOOR_NANOS = 2_000;

    private static void recordWait(Object sync, boolean shared, long waitNanos, int result) {
        LockState state = LockRegistry.stateOf(sync);
        state.recordWait(waitNanos, Thread.currentThread().getId());
        commitWaitEvent(state, LockKinds.mode(sync, shared), waitNanos, result > 0);
    }

    /** {@code lock} (whose synchronizer is {@code sync}) was acquired; maybe start a hold sample. */
    public static void acquired(ReentrantLock lock, Object sync) {
        if (ThreadLocalRandom.current().nextInt(HOLD_SAMPLE_RATE) != 0 || !active || lock.getHoldCount() != 1
                || !CallDepth.enter()) {
            return; // a hold sample spans the outermost hold only: inner reentrant holds would count twice
        }
        try {
            LockState state = LockRegistry.stateOf(sync);
            state.recordSampledAcquisition();
            HoldSamples.current().begin(sync, state, System.nanoTime());
        } finally {
            CallDepth.exit();
        }
    }

    /** {@code lock} is about to be released (perhaps only one of its reentrant holds). */
    public static void releasing(ReentrantLock lock, Object sync) {
        if (HoldSamples.OPEN.get() == 0) {
            return; // no sampled hold open on any thread: skip the thread-local look-up
        }
        HoldSamples holds = HoldSamples.current();
        if (!holds.isEmpty() && lock.getHoldCount() == 1) {
            holds.end(sync, System.nanoTime());
        }
    }

    private static void commitWaitEvent(LockState state, String mode, long waitNanos, boolean acquired) {
        if (!eventsReady) {
            return;
        }
        int weight;
        if (waitNanos >= longWaitNanos) {
            weight = 1;
        } else if (ThreadLocalRandom.current().nextInt(SHORT_WAIT_SAMPLE_RATE) == 0) {
            weight = SHORT_WAIT_SAMPLE_RATE;
        } else {
            return;
        }
        LockWaitEvent event = new LockWaitEvent();
        if (event.isEnabled()) {
            event.lockId = state.id;
            event.lockClass = state.lockClass;
            event.mode = mode;
            event.weight = weight;
            event.acquired = acquired;
            event.waitNanos = waitNanos;
            event.commit();
        }
    }

    /** Per thread: when its current {@code Condition} await was signalled ({@link #NOT_SIGNALLED} until then). */
    private static final long NOT_SIGNALLED = Long.MIN_VALUE;

    private static final ThreadLocal<long[]> AWAIT_SIGNALLED = new ThreadLocal<long[]>() {
        @Override
        protected long[] initialValue() {
            return new long[] {NOT_SIGNALLED};
        }
    };

    /**
     * A {@code StampedLock}'s slow path ({@code acquireRead}/{@code acquireWrite}) ended; it is only entered when the
     * fast path's CAS failed. {@code stamp} is the lock's result: 0 timed out, 1 interrupted, else the stamp.
     */
    public static void stampedSlowPathExited(Object lock, boolean read, long waitStartNanos, long stamp) {
        if (waitStartNanos != 0) {
            slowPathExited(lock, read, waitStartNanos, stamp == 0L || stamp == 1L ? 0 : 1);
        }
    }

    /**
     * A thread starts awaiting a {@code Condition} of the synchronizer {@code sync}. Returns the start of the await,
     * or 0 when it is not recorded. An await always blocks, so its clock read costs no fast path anything.
     */
    public static long awaitEntered(Object sync) {
        if (!active || !LockKinds.isLock(sync)) {
            return 0L;
        }
        long now = System.nanoTime();
        // await releases the lock: a sampled hold ends here, else it would count the whole await as held.
        if (HoldSamples.OPEN.get() != 0) {
            HoldSamples.current().end(sync, now);
        }
        return now;
    }

    /**
     * The await loop saw this thread signalled: from here on it re-acquires the lock, a wait the synchronizer's slow
     * path times as lock wait, so the await ends here.
     */
    public static void awaitSignalled() {
        if (active) {
            AWAIT_SIGNALLED.get()[0] = System.nanoTime();
        }
    }

    /**
     * The await returned or threw. Recorded as a LockWait of mode "await" on the lock's state, like a lock wait
     * (every one at or above the threshold, a weighted sample below it), but NOT counted as contention: waiting for a
     * signal is coordination. Its time ends at the signal when one came, so the re-acquisition after it is not
     * counted twice; an await that timed out or was interrupted includes its re-acquisition.
     */
    public static void awaitExited(Object sync, long awaitStartNanos) {
        if (awaitStartNanos == 0 || !CallDepth.enter()) {
            return;
        }
        try {
            long end = System.nanoTime();
            long[] signalled = AWAIT_SIGNALLED.get();
            long signalledAt = signalled[0];
            signalled[0] = NOT_SIGNALLED;
            boolean wasSignalled = signalledAt != NOT_SIGNALLED && signalledAt - awaitStartNanos >= 0
                    && end - signalledAt >= 0;
            long waitNanos = (wasSignalled ? signalledAt : end) - awaitStartNanos;
            commitWaitEvent(LockRegistry.stateOf(sync), "await", waitNanos, wasSignalled);
        } finally {
            CallDepth.exit();
        }
    }

    private LockAdviceHelper() {}
}
