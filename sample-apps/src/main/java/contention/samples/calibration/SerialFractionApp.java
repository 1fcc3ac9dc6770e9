// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.calibration;

/**
 * Calibration: a share {@code f} of every operation runs under one lock that all threads share (the ground truth
 * for the global-lock verdict and its predicted speedup, docs/global-lock.md).
 * Run: {@code java -cp sample-apps/target/sample-apps.jar contention.samples.calibration.SerialFractionApp 0.95 fair 4s 8}.
 */
public final class SerialFractionApp {

    public static void main(String[] args) throws InterruptedException {
        CalibrationArgs parsed = CalibrationArgs.parse(args, SerialFractionApp.class);
        SharedAccumulator accumulator = new SharedAccumulator(parsed.kind, parsed.common.threads);
        try {
            CalibrationWorkload.run("serial-fraction", parsed, accumulator::advance);
        } finally {
            accumulator.close();
        }
    }

    private SerialFractionApp() {}
}
