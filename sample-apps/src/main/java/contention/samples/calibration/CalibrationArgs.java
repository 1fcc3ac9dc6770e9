// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.calibration;

import contention.samples.common.SampleArgs;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/** {@code <serial fraction> <lock kind> [duration] [threads]}, e.g. {@code 0.95 fair 4s 8}. */
final class CalibrationArgs {

    /**
     * The lock the serial part runs under: one monitor, one unfair or one fair ReentrantLock; or, as negative
     * controls that share state without one lock: one of {@link SharedAccumulator#STRIPES} unfair locks, each over
     * its own part of the state ({@code striped}); a {@code ConcurrentHashMap.compute} on one of
     * {@link SharedAccumulator#KEYS} keys ({@code chm}); the thread's own state, its result added to one
     * {@code LongAdder} ({@code adder}); a task on a pool with a thread per worker, awaited ({@code pool}).
     */
    enum LockKind { SYNCHRONIZED, UNFAIR, FAIR, STRIPED, CHM, ADDER, POOL }

    final double serialFraction;
    final LockKind kind;
    final SampleArgs common;

    private CalibrationArgs(double serialFraction, LockKind kind, SampleArgs common) {
        this.serialFraction = serialFraction;
        this.kind = kind;
        this.common = common;
    }

    static CalibrationArgs parse(String[] args, Class<?> main) {
        try {
            if (args.length < 2) {
                throw new IllegalArgumentException("a serial fraction and a lock kind are required");
            }
            double f = Double.parseDouble(args[0]);
            if (!(f >= 0 && f <= 1)) {
                throw new IllegalArgumentException("the serial fraction must be between 0 and 1, not " + args[0]);
            }
            LockKind kind = LockKind.valueOf(args[1].toUpperCase(Locale.ROOT));
            return new CalibrationArgs(f, kind,
                    SampleArgs.parse(Arrays.copyOfRange(args, 2, args.length), main, Duration.ofSeconds(4), 4));
        } catch (IllegalArgumentException e) {
            System.err.println(main.getSimpleName() + ": " + e.getMessage());
            System.err.println("usage: java -cp sample-apps.jar " + main.getName()
                    + " <serial fraction 0..1> <synchronized|unfair|fair|striped|chm|adder|pool> [duration, e.g. 4s] [threads]");
            System.exit(2);
            throw e; // not reached
        }
    }

    int serialSteps() {
        return (int) Math.round(SerialWork.STEPS_PER_OPERATION * serialFraction);
    }

    int parallelSteps() {
        return SerialWork.STEPS_PER_OPERATION - serialSteps();
    }
}
