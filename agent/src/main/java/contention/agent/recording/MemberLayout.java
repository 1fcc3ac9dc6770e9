// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.recording;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where the running JVM put a field or an array slot: bytes from the start of its object, as
 * {@code jdk.internal.misc.Unsafe} reports them. That is the layout the JVM chose for these flags (compressed
 * class pointers, field reordering, {@code @Contended} with {@code -XX:-RestrictContended}, the app's own padding),
 * not one worked out from the class file.
 *
 * <p>Why the JDK's internal Unsafe, and not jol or {@code sun.misc.Unsafe}: both end in
 * {@code sun.misc.Unsafe.objectFieldOffset}, which prints a deprecation warning on the app's stderr from JDK 24 on.
 * The agent exports {@code jdk.internal.misc} to itself through {@link Instrumentation#redefineModule}, as agents
 * may, and changes nothing the app can see.
 *
 * <p>Assumptions and guarantees: used by the one draining thread; offsets are cached per class and member. When
 * the export or a look-up fails, offsets are unknown (-1) and the detector reports no false sharing for them.
 */
final class MemberLayout {

    private final Object unsafe; // jdk.internal.misc.Unsafe, or null
    private final Method fieldOffset; // objectFieldOffset(Class, String)
    private final Method arrayBase; // arrayBaseOffset(Class)
    private final Method arrayScale; // arrayIndexScale(Class)
    private final Map<Class<?>, Map<String, Long>> fieldOffsets = new HashMap<>();

    private MemberLayout(Object unsafe, Method fieldOffset, Method arrayBase, Method arrayScale) {
        this.unsafe = unsafe;
        this.fieldOffset = fieldOffset;
        this.arrayBase = arrayBase;
        this.arrayScale = arrayScale;
    }

    /** The layout of this JVM, or one that knows no offsets when the JDK's Unsafe cannot be reached. */
    static MemberLayout of(Instrumentation instrumentation) {
        try {
            Module javaBase = Object.class.getModule();
            Module agent = MemberLayout.class.getModule();
            instrumentation.redefineModule(javaBase, Set.of(), Map.of("jdk.internal.misc", Set.of(agent)), Map.of(),
                    Set.of(), Map.of());
            Class<?> type = Class.forName("jdk.internal.misc.Unsafe");
            Object unsafe = type.getMethod("getUnsafe").invoke(null);
            return new MemberLayout(unsafe, type.getMethod("objectFieldOffset", Class.class, String.class),
                    type.getMethod("arrayBaseOffset", Class.class), type.getMethod("arrayIndexScale", Class.class));
        } catch (Throwable t) {
            contention.agent.AgentLog.info("field offsets unknown, false sharing not reported: "
                    + contention.agent.AgentLog.describe(t));
            return new MemberLayout(null, null, null, null);
        }
    }

    /**
     * Offset of field {@code field} declared by the class named {@code declaring} (an internal name) in an object
     * of class {@code type}; -1 if unknown.
     */
    long fieldOffset(Class<?> type, String declaring, String field) {
        if (unsafe == null) {
            return -1;
        }
        String key = declaring + '.' + field;
        Map<String, Long> known = fieldOffsets.computeIfAbsent(type, t -> new HashMap<>());
        Long offset = known.get(key);
        if (offset == null) {
            offset = lookUp(type, declaring.replace('/', '.'), field);
            known.put(key, offset);
        }
        return offset;
    }

    private long lookUp(Class<?> type, String declaring, String field) {
        Class<?> c = type;
        while (c != null && !c.getName().equals(declaring)) {
            c = c.getSuperclass();
        }
        // The class the bytecode names may inherit the field (javac names the reference's type): try it, then up.
        for (; c != null; c = c.getSuperclass()) {
            try {
                return (long) fieldOffset.invoke(unsafe, c, field);
            } catch (Throwable t) {
                // not declared here
            }
        }
        return -1; // not this object's field
    }

    /** Offset of slot {@code index} of an array of class {@code arrayType}; -1 if unknown. */
    long slotOffset(Class<?> arrayType, int index) {
        if (unsafe == null || !arrayType.isArray()) {
            return -1;
        }
        try {
            return (int) arrayBase.invoke(unsafe, arrayType) + (long) index * (int) arrayScale.invoke(unsafe, arrayType);
        } catch (Throwable t) {
            return -1;
        }
    }
}
