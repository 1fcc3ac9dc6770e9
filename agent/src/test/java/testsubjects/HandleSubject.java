// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package testsubjects;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/** Every kind of handle access the false-sharing rewrite touches, with a result that depends on all of them. */
public class HandleSubject {
    public static final VarHandle COUNT;
    static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    static final VarHandle STATIC_TOTAL;
    public static final AtomicLongFieldUpdater<HandleSubject> HITS =
            AtomicLongFieldUpdater.newUpdater(HandleSubject.class, "hits");
    public static final AtomicIntegerFieldUpdater<HandleSubject> STATE =
            AtomicIntegerFieldUpdater.newUpdater(HandleSubject.class, "state");
    public static final AtomicReferenceFieldUpdater<HandleSubject, String> NAME =
            AtomicReferenceFieldUpdater.newUpdater(HandleSubject.class, String.class, "name");

    static {
        try {
            COUNT = MethodHandles.lookup().findVarHandle(HandleSubject.class, "count", long.class);
            STATIC_TOTAL = MethodHandles.lookup().findStaticVarHandle(HandleSubject.class, "total", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static long total;
    volatile long count;
    volatile long hits;
    volatile int state;
    volatile String name = "a";
    final long[] longs = new long[4];

    public String run() {
        long before = (long) COUNT.getAndAdd(this, 5L);
        COUNT.setRelease(this, before + 7);
        boolean swapped = COUNT.compareAndSet(this, 7L, 8L);
        long now = (long) COUNT.getVolatile(this);
        LONGS.setVolatile(longs, 2, 9L);
        long slot = (long) LONGS.getAndAdd(longs, 2, 1L);
        STATIC_TOTAL.getAndAdd(3L);
        long hit = HITS.incrementAndGet(this) + HITS.addAndGet(this, 10);
        boolean stateSet = STATE.compareAndSet(this, 0, 4);
        String previous = NAME.getAndSet(this, "b");
        long read = HITS.get(this);
        return before + " " + swapped + " " + now + " " + slot + " " + longs[2] + " " + total + " " + hit + " "
                + stateSet + " " + previous + " " + name + " " + read;
    }

    public String failures() {
        StringBuilder seen = new StringBuilder();
        try {
            LONGS.setVolatile(longs, 4, 1L);
        } catch (RuntimeException e) {
            seen.append(e.getClass().getSimpleName()).append(';');
        }
        try {
            COUNT.getAndAdd((HandleSubject) null, 1L);
        } catch (RuntimeException e) {
            seen.append(e.getClass().getSimpleName()).append(';');
        }
        try {
            HITS.incrementAndGet(null);
        } catch (RuntimeException e) {
            seen.append(e.getClass().getSimpleName()).append(';');
        }
        try {
            ((AtomicLongFieldUpdater<Object>) (Object) HITS).incrementAndGet("not a subject");
        } catch (RuntimeException e) {
            seen.append(e.getClass().getSimpleName()).append(';');
        }
        return seen.toString();
    }
}
