// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.calibration;

import contention.samples.common.NamedThreadFactory;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One state every thread advances under one lock: the serial part of each operation. Which lock is the
 * experiment's variable: a monitor, an unfair or a fair {@link ReentrantLock}; or, as controls that share work
 * without one lock and must not be called a global lock, {@link #STRIPES} locks over as many states, a
 * {@code ConcurrentHashMap} of {@link #KEYS} keys, a {@code LongAdder}, or a pool with a thread per worker
 * ({@link CalibrationArgs.LockKind}).
 */
final class SharedAccumulator {

    /** Locks of the striped control: many more than threads, so that two seldom meet. */
    static final int STRIPES = 64;

    /** Keys of the map control: its bins are its locks, and with this many two threads seldom meet in one. */
    static final int KEYS = 1024;

    private final CalibrationArgs.LockKind kind;
    private final ReentrantLock lock;
    private final ReentrantLock[] stripes;
    private final long[] stripeStates;
    private long state = 1;
    private final ConcurrentHashMap<Integer, Long> map = new ConcurrentHashMap<>();
    private final LongAdder total = new LongAdder();
    private final ExecutorService pool; // null unless kind is POOL

    SharedAccumulator(CalibrationArgs.LockKind kind, int threads) {
        this.kind = kind;
        this.pool = kind == CalibrationArgs.LockKind.POOL
                ? Executors.newFixedThreadPool(threads, new NamedThreadFactory("calib-pool"))
                : null;
        // The lock last, right before the store: the agent finds the lock's field from the code after `new`.
        this.lock = kind != CalibrationArgs.LockKind.UNFAIR && kind != CalibrationArgs.LockKind.FAIR
                ? null
                : new ReentrantLock(kind == CalibrationArgs.LockKind.FAIR);
        this.stripes = new ReentrantLock[kind == CalibrationArgs.LockKind.STRIPED ? STRIPES : 0];
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
        this.stripeStates = new long[stripes.length * 8]; // a cache line apart: the control measures locks only
    }

    long advance(long input, int steps) {
        switch (kind) {
            case CHM:
                return map.compute((int) ((input ^ (input >>> 17)) & (KEYS - 1)),
                        (key, value) -> SerialWork.mix((value == null ? key : value) ^ input, steps));
            case ADDER:
                long own = SerialWork.mix(input, steps);
                total.add(own & 0xff);
                return own;
            case POOL:
                try {
                    return pool.submit(() -> SerialWork.mix(input, steps)).get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return input;
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            default:
                break;
        }
        if (stripes.length > 0) {
            int stripe = (int) ((input ^ (input >>> 17)) & (STRIPES - 1));
            ReentrantLock striped = stripes[stripe];
            striped.lock();
            try {
                stripeStates[stripe * 8] = SerialWork.mix(stripeStates[stripe * 8] ^ input, steps);
                return stripeStates[stripe * 8];
            } finally {
                striped.unlock();
            }
        }
        if (lock == null) {
            synchronized (this) {
                state = SerialWork.mix(state ^ input, steps);
                return state;
            }
        }
        lock.lock();
        try {
            state = SerialWork.mix(state ^ input, steps);
            return state;
        } finally {
            lock.unlock();
        }
    }

    /** Stops the pool of the {@code pool} control, if any. */
    void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    CalibrationArgs.LockKind kind() {
        return kind;
    }
}
