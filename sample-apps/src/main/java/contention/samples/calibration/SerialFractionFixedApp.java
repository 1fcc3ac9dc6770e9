// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.calibration;

/**
 * Twin of {@link SerialFractionApp}: the same operations, the "serial" part on each thread's own state with no lock,
 * so the calibration can measure the speedup that removing the lock gives. Takes the same arguments (the lock kind
 * is ignored).
 */
public final class SerialFractionFixedApp {

    public static void main(String[] args) throws InterruptedException {
        CalibrationArgs parsed = CalibrationArgs.parse(args, SerialFractionFixedApp.class);
        ThreadLocal<long[]> own = ThreadLocal.withInitial(() -> new long[] {1});
        CalibrationWorkload.run("serial-fraction-fixed", parsed, (input, steps) -> {
            long[] state = own.get();
            state[0] = SerialWork.mix(state[0] ^ input, steps);
            return state[0];
        });
    }

    private SerialFractionFixedApp() {}
}
