// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.calibration;

import java.util.concurrent.locks.ReentrantLock;

/**
 * One state every thread advances under one lock: the serial part of each operation. Which lock is the
 * experiment's variable: a monitor, an unfair or a fair {@link ReentrantLock}; or, as a control that must not be
 * called a global lock, {@link #STRIPES} locks over as many states, one chosen per operation.
 */
final class SharedAccumulator {

    /** Locks of the striped control: many more than threads, so that two seldom meet. */
    static final int STRIPES = 64;

    private final CalibrationArgs.LockKind kind;
    private final ReentrantLock lock;
    private final ReentrantLock[] stripes;
    private final long[] stripeStates;
    private long state = 1;

    SharedAccumulator(CalibrationArgs.LockKind kind) {
        this.kind = kind;
        this.lock = kind == CalibrationArgs.LockKind.SYNCHRONIZED || kind == CalibrationArgs.LockKind.STRIPED
                ? null
                : new ReentrantLock(kind == CalibrationArgs.LockKind.FAIR);
        this.stripes = new ReentrantLock[kind == CalibrationArgs.LockKind.STRIPED ? STRIPES : 0];
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
        this.stripeStates = new long[stripes.length * 8]; // a cache line apart: the control measures locks only
    }

    long advance(long input, int steps) {
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

    CalibrationArgs.LockKind kind() {
        return kind;
    }
}
