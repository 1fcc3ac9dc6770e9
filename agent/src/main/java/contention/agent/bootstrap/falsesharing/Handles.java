// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.bootstrap.falsesharing;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Numbers for the {@code VarHandle}s and {@code Atomic*FieldUpdater}s the app's threads update fields through, so
 * a noted access carries an int and the drain finds the field from the handle.
 *
 * <p>Assumptions and guarantees: any thread numbers a handle, only while a window is open; lock-free (a
 * compare-and-set per new handle); at most {@link #CAPACITY} handles, after which the others get 0 and their
 * accesses are not told apart. Handles are held for the life of the JVM: apps keep them in static finals anyway.
 */
public final class Handles {

    /** Handles numbered; a power of two. */
    public static final int CAPACITY = 1_024;

    private static final AtomicReferenceArray<Object> TABLE = new AtomicReferenceArray<>(CAPACITY);

    /** The number of {@code handle} (1 to {@link #CAPACITY}), or 0 when the table is full. */
    static int number(Object handle) {
        int start = System.identityHashCode(handle) & (CAPACITY - 1);
        for (int probe = 0; probe < CAPACITY; probe++) {
            int i = (start + probe) & (CAPACITY - 1);
            Object held = TABLE.get(i);
            if (held == handle) {
                return i + 1;
            }
            if (held == null) {
                if (TABLE.compareAndSet(i, null, handle)) {
                    return i + 1;
                }
                if (TABLE.get(i) == handle) {
                    return i + 1; // another thread numbered it first
                }
            }
        }
        return 0;
    }

    /** The handle numbered {@code number}, or null. */
    public static Object handle(int number) {
        return number > 0 && number <= CAPACITY ? TABLE.get(number - 1) : null;
    }

    private Handles() {}
}
