// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.bootstrap.falsesharing;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Stand-ins for the updating methods of {@code AtomicLong}, {@code AtomicInteger}, {@code AtomicLongArray} and
 * {@code AtomicIntegerArray}: app code the agent rewrote calls {@code AtomicHooks.incrementAndGet(counter, site)}
 * where it called {@code counter.incrementAndGet()}. Each notes the write ({@link SharedWrites}) and then calls the
 * method itself, so the result, the exceptions (a null receiver, an index out of bounds) and the memory effects
 * are the method's.
 *
 * <p>Why rewrite the app's calls rather than advise the classes: the JDK updates these classes everywhere
 * ({@code ThreadPoolExecutor}'s control word is an {@code AtomicInteger}), and only the app's counters are the
 * app's to fix. {@link #SUPPORTED} lists the methods; the others run as they were.
 */
public final class AtomicHooks {

    /** {@code owner.name descriptor} of every method with a stand-in here. */
    public static final java.util.Set<String> SUPPORTED = java.util.Set.of(
            "java/util/concurrent/atomic/AtomicLong.incrementAndGet ()J",
            "java/util/concurrent/atomic/AtomicLong.getAndIncrement ()J",
            "java/util/concurrent/atomic/AtomicLong.decrementAndGet ()J",
            "java/util/concurrent/atomic/AtomicLong.getAndDecrement ()J",
            "java/util/concurrent/atomic/AtomicLong.addAndGet (J)J",
            "java/util/concurrent/atomic/AtomicLong.getAndAdd (J)J",
            "java/util/concurrent/atomic/AtomicLong.set (J)V",
            "java/util/concurrent/atomic/AtomicLong.lazySet (J)V",
            "java/util/concurrent/atomic/AtomicLong.getAndSet (J)J",
            "java/util/concurrent/atomic/AtomicLong.compareAndSet (JJ)Z",
            "java/util/concurrent/atomic/AtomicInteger.incrementAndGet ()I",
            "java/util/concurrent/atomic/AtomicInteger.getAndIncrement ()I",
            "java/util/concurrent/atomic/AtomicInteger.decrementAndGet ()I",
            "java/util/concurrent/atomic/AtomicInteger.getAndDecrement ()I",
            "java/util/concurrent/atomic/AtomicInteger.addAndGet (I)I",
            "java/util/concurrent/atomic/AtomicInteger.getAndAdd (I)I",
            "java/util/concurrent/atomic/AtomicInteger.set (I)V",
            "java/util/concurrent/atomic/AtomicInteger.lazySet (I)V",
            "java/util/concurrent/atomic/AtomicInteger.getAndSet (I)I",
            "java/util/concurrent/atomic/AtomicInteger.compareAndSet (II)Z",
            "java/util/concurrent/atomic/AtomicLongArray.incrementAndGet (I)J",
            "java/util/concurrent/atomic/AtomicLongArray.getAndIncrement (I)J",
            "java/util/concurrent/atomic/AtomicLongArray.decrementAndGet (I)J",
            "java/util/concurrent/atomic/AtomicLongArray.getAndDecrement (I)J",
            "java/util/concurrent/atomic/AtomicLongArray.addAndGet (IJ)J",
            "java/util/concurrent/atomic/AtomicLongArray.getAndAdd (IJ)J",
            "java/util/concurrent/atomic/AtomicLongArray.set (IJ)V",
            "java/util/concurrent/atomic/AtomicLongArray.lazySet (IJ)V",
            "java/util/concurrent/atomic/AtomicLongArray.getAndSet (IJ)J",
            "java/util/concurrent/atomic/AtomicLongArray.compareAndSet (IJJ)Z",
            "java/util/concurrent/atomic/AtomicIntegerArray.incrementAndGet (I)I",
            "java/util/concurrent/atomic/AtomicIntegerArray.getAndIncrement (I)I",
            "java/util/concurrent/atomic/AtomicIntegerArray.decrementAndGet (I)I",
            "java/util/concurrent/atomic/AtomicIntegerArray.getAndDecrement (I)I",
            "java/util/concurrent/atomic/AtomicIntegerArray.addAndGet (II)I",
            "java/util/concurrent/atomic/AtomicIntegerArray.getAndAdd (II)I",
            "java/util/concurrent/atomic/AtomicIntegerArray.set (II)V",
            "java/util/concurrent/atomic/AtomicIntegerArray.lazySet (II)V",
            "java/util/concurrent/atomic/AtomicIntegerArray.getAndSet (II)I",
            "java/util/concurrent/atomic/AtomicIntegerArray.compareAndSet (III)Z");

    public static long incrementAndGet(AtomicLong target, int site) {
        SharedWrites.write(target, site);
        return target.incrementAndGet();
    }

    public static long getAndIncrement(AtomicLong target, int site) {
        SharedWrites.write(target, site);
        return target.getAndIncrement();
    }

    public static long decrementAndGet(AtomicLong target, int site) {
        SharedWrites.write(target, site);
        return target.decrementAndGet();
    }

    public static long getAndDecrement(AtomicLong target, int site) {
        SharedWrites.write(target, site);
        return target.getAndDecrement();
    }

    public static long addAndGet(AtomicLong target, long delta, int site) {
        SharedWrites.write(target, site);
        return target.addAndGet(delta);
    }

    public static long getAndAdd(AtomicLong target, long delta, int site) {
        SharedWrites.write(target, site);
        return target.getAndAdd(delta);
    }

    public static void set(AtomicLong target, long newValue, int site) {
        SharedWrites.write(target, site);
        target.set(newValue);
    }

    public static void lazySet(AtomicLong target, long newValue, int site) {
        SharedWrites.write(target, site);
        target.lazySet(newValue);
    }

    public static long getAndSet(AtomicLong target, long newValue, int site) {
        SharedWrites.write(target, site);
        return target.getAndSet(newValue);
    }

    public static boolean compareAndSet(AtomicLong target, long expectedValue, long newValue, int site) {
        SharedWrites.write(target, site);
        return target.compareAndSet(expectedValue, newValue);
    }

    public static int incrementAndGet(AtomicInteger target, int site) {
        SharedWrites.write(target, site);
        return target.incrementAndGet();
    }

    public static int getAndIncrement(AtomicInteger target, int site) {
        SharedWrites.write(target, site);
        return target.getAndIncrement();
    }

    public static int decrementAndGet(AtomicInteger target, int site) {
        SharedWrites.write(target, site);
        return target.decrementAndGet();
    }

    public static int getAndDecrement(AtomicInteger target, int site) {
        SharedWrites.write(target, site);
        return target.getAndDecrement();
    }

    public static int addAndGet(AtomicInteger target, int delta, int site) {
        SharedWrites.write(target, site);
        return target.addAndGet(delta);
    }

    public static int getAndAdd(AtomicInteger target, int delta, int site) {
        SharedWrites.write(target, site);
        return target.getAndAdd(delta);
    }

    public static void set(AtomicInteger target, int newValue, int site) {
        SharedWrites.write(target, site);
        target.set(newValue);
    }

    public static void lazySet(AtomicInteger target, int newValue, int site) {
        SharedWrites.write(target, site);
        target.lazySet(newValue);
    }

    public static int getAndSet(AtomicInteger target, int newValue, int site) {
        SharedWrites.write(target, site);
        return target.getAndSet(newValue);
    }

    public static boolean compareAndSet(AtomicInteger target, int expectedValue, int newValue, int site) {
        SharedWrites.write(target, site);
        return target.compareAndSet(expectedValue, newValue);
    }

    public static long incrementAndGet(AtomicLongArray target, int i, int site) {
        SharedWrites.slot(target, i, site);
        return target.incrementAndGet(i);
    }

    public static long getAndIncrement(AtomicLongArray target, int i, int site) {
        SharedWrites.slot(target, i, site);
        return target.getAndIncrement(i);
    }

    public static long decrementAndGet(AtomicLongArray target, int i, int site) {
        SharedWrites.slot(target, i, site);
        return target.decrementAndGet(i);
    }

    public static long getAndDecrement(AtomicLongArray target, int i, int site) {
        SharedWrites.slot(target, i, site);
        return target.getAndDecrement(i);
    }

    public static long addAndGet(AtomicLongArray target, int i, long delta, int site) {
        SharedWrites.slot(target, i, site);
        return target.addAndGet(i, delta);
    }

    public static long getAndAdd(AtomicLongArray target, int i, long delta, int site) {
        SharedWrites.slot(target, i, site);
        return target.getAndAdd(i, delta);
    }

    public static void set(AtomicLongArray target, int i, long newValue, int site) {
        SharedWrites.slot(target, i, site);
        target.set(i, newValue);
    }

    public static void lazySet(AtomicLongArray target, int i, long newValue, int site) {
        SharedWrites.slot(target, i, site);
        target.lazySet(i, newValue);
    }

    public static long getAndSet(AtomicLongArray target, int i, long newValue, int site) {
        SharedWrites.slot(target, i, site);
        return target.getAndSet(i, newValue);
    }

    public static boolean compareAndSet(AtomicLongArray target, int i, long expectedValue, long newValue, int site) {
        SharedWrites.slot(target, i, site);
        return target.compareAndSet(i, expectedValue, newValue);
    }

    public static int incrementAndGet(AtomicIntegerArray target, int i, int site) {
        SharedWrites.slot(target, i, site);
        return target.incrementAndGet(i);
    }

    public static int getAndIncrement(AtomicIntegerArray target, int i, int site) {
        SharedWrites.slot(target, i, site);
        return target.getAndIncrement(i);
    }

    public static int decrementAndGet(AtomicIntegerArray target, int i, int site) {
        SharedWrites.slot(target, i, site);
        return target.decrementAndGet(i);
    }

    public static int getAndDecrement(AtomicIntegerArray target, int i, int site) {
        SharedWrites.slot(target, i, site);
        return target.getAndDecrement(i);
    }

    public static int addAndGet(AtomicIntegerArray target, int i, int delta, int site) {
        SharedWrites.slot(target, i, site);
        return target.addAndGet(i, delta);
    }

    public static int getAndAdd(AtomicIntegerArray target, int i, int delta, int site) {
        SharedWrites.slot(target, i, site);
        return target.getAndAdd(i, delta);
    }

    public static void set(AtomicIntegerArray target, int i, int newValue, int site) {
        SharedWrites.slot(target, i, site);
        target.set(i, newValue);
    }

    public static void lazySet(AtomicIntegerArray target, int i, int newValue, int site) {
        SharedWrites.slot(target, i, site);
        target.lazySet(i, newValue);
    }

    public static int getAndSet(AtomicIntegerArray target, int i, int newValue, int site) {
        SharedWrites.slot(target, i, site);
        return target.getAndSet(i, newValue);
    }

    public static boolean compareAndSet(AtomicIntegerArray target, int i, int expectedValue, int newValue, int site) {
        SharedWrites.slot(target, i, site);
        return target.compareAndSet(i, expectedValue, newValue);
    }
    private AtomicHooks() {}
}
