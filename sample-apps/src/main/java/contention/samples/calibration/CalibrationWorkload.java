// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.calibration;

import contention.samples.common.WorkerThreads;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code calib-N} threads do operations of a fixed length, a share {@code f} of it in {@code serialPart}; prints one
 * summary line whose {@code steady=} rate the calibration compares between an app and its twin.
 */
final class CalibrationWorkload {

    /** The serial part of one operation: {@code steps} steps of work on state shared or not. */
    interface SerialPart {
        long run(long input, int steps);
    }

    static void run(String name, CalibrationArgs args, SerialPart serialPart) throws InterruptedException {
        LongAdder operations = new LongAdder();
        LongAdder checksum = new LongAdder();
        int serialSteps = args.serialSteps();
        int parallelSteps = args.parallelSteps();
        long started = System.nanoTime();
        double steady = WorkerThreads.run("calib", args.common.threads, args.common.duration, operations::sum,
                thread -> {
                    long own = SerialWork.mix(thread + operations.sum(), parallelSteps);
                    long shared = serialPart.run(own, serialSteps);
                    checksum.add(shared & 0xff);
                    operations.increment();
                });
        double seconds = (System.nanoTime() - started) / 1e9;
        // Referred to from tests and docs/global-lock.md: one line, key=value.
        System.out.printf(Locale.ROOT, "%s serialFraction=%.2f lock=%s operations=%d threads=%d seconds=%.2f"
                + " throughput=%.0f/s steady=%.0f/s checksum=%d%n", name, args.serialFraction,
                args.kind.name().toLowerCase(Locale.ROOT), operations.sum(), args.common.threads, seconds,
                operations.sum() / seconds, steady, checksum.sum());
    }

    private CalibrationWorkload() {}
}
