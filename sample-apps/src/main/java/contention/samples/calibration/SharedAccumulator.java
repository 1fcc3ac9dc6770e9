// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.calibration;

import java.util.concurrent.locks.ReentrantLock;

/**
 * One state every thread advances under one lock: the serial part of each operation. Which lock is the
 * experiment's variable: a monitor, an unfair or a fair {@link ReentrantLock}.
 */
final class SharedAccumulator {

    private final CalibrationArgs.LockKind kind;
    private final ReentrantLock lock;
    private long state = 1;

    SharedAccumulator(CalibrationArgs.LockKind kind) {
        this.kind = kind;
        this.lock = kind == CalibrationArgs.LockKind.SYNCHRONIZED
                ? null
                : new ReentrantLock(kind == CalibrationArgs.LockKind.FAIR);
    }

    long advance(long input, int steps) {
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
