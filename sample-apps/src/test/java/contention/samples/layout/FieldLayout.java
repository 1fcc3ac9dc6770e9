// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.layout;

import java.lang.reflect.Field;

/**
 * Where HotSpot put a field, or an array element, in bytes from the start of its object: the premise of the
 * false-sharing samples is a distance between two of them (under 64 bytes: one cache line; 128 or more: apart).
 * Uses {@code sun.misc.Unsafe}, test code only.
 */
public final class FieldLayout {

    /** 64-byte lines on every x86 and most ARM servers; the problem's members must be closer than this. */
    public static final int CACHE_LINE_BYTES = 64;

    /** Two lines, as the adjacent-line prefetcher fetches them in pairs; the fixed twin's members are this far apart. */
    public static final int PADDED_BYTES = 128;

    private static final sun.misc.Unsafe UNSAFE = unsafe();

    /** The offset of the instance field {@code name}, declared by {@code type} or one of its superclasses. */
    public static long offset(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(name);
                return UNSAFE.objectFieldOffset(field);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new IllegalArgumentException(type.getName() + " has no field " + name);
    }

    /** The distance in bytes between two instance fields of {@code type}. */
    public static long distance(Class<?> type, String first, String second) {
        return Math.abs(offset(type, second) - offset(type, first));
    }

    /** The offset of element {@code index} of an array of {@code arrayType} (e.g. {@code long[].class}). */
    public static long elementOffset(Class<?> arrayType, int index) {
        return UNSAFE.arrayBaseOffset(arrayType) + (long) index * UNSAFE.arrayIndexScale(arrayType);
    }

    private static sun.misc.Unsafe unsafe() {
        try {
            Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return (sun.misc.Unsafe) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("sun.misc.Unsafe is not available", e);
        }
    }

    private FieldLayout() {}
}
