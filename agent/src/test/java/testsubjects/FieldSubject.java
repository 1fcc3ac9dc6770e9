// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package testsubjects;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/** Every kind of access the false-sharing rewrite touches, with a result that depends on all of them. */
public class FieldSubject {
    long wide;
    double real;
    int narrow;
    Object ref;
    volatile long counter;
    volatile long limit = 3;
    final long[] longs = new long[4];
    final int[] ints = new int[4];
    final double[] doubles = new double[4];
    final AtomicLong atomic = new AtomicLong();
    final AtomicIntegerArray slots = new AtomicIntegerArray(4);

    public String run() {
        wide = 5;
        real = 2.5;
        narrow = 7;
        ref = "x";
        counter++;
        long seen = limit; // read only here: hooked
        longs[1] = 9;
        ints[2] = 3;
        doubles[3] = 1.5;
        long a = atomic.incrementAndGet() + atomic.addAndGet(10);
        boolean swapped = atomic.compareAndSet(11, 12);
        int previous = slots.getAndAdd(1, 5);
        slots.set(2, 4);
        return wide + " " + real + " " + narrow + " " + ref + " " + counter + " " + seen + " " + longs[1] + " "
                + ints[2] + " " + doubles[3] + " " + a + " " + swapped + " " + previous + " " + slots + " " + atomic;
    }

    public String outOfBounds() {
        try {
            ints[4] = 1;
            return "no exception";
        } catch (ArrayIndexOutOfBoundsException e) {
            return e.getMessage();
        }
    }
}
