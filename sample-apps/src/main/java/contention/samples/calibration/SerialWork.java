// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.calibration;

/**
 * A unit of CPU work whose length is set in steps: a chain of xorshift steps, each depending on the one before, so
 * that the JIT can neither drop nor parallelize it. One step is about a nanosecond; the point is a fixed ratio
 * between the serial and the parallel part of an operation, not a fixed time.
 */
final class SerialWork {

    /** Steps of one whole operation, serial and parallel parts together: tens of microseconds per operation. */
    static final int STEPS_PER_OPERATION = 40_000;

    static long mix(long state, int steps) {
        long x = state | 1;
        for (int i = 0; i < steps; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }

    private SerialWork() {}
}
