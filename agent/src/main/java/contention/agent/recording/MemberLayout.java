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
    private final Method getLong; // getLong(Object, long)
    private final Method getReference; // getReference(Object, long)
    private final Map<Class<?>, Map<String, Long>> fieldOffsets = new HashMap<>();
    private final Map<Object, String[]> handleFields = new java.util.IdentityHashMap<>();

    private MemberLayout(Object unsafe, Method fieldOffset, Method arrayBase, Method arrayScale, Method getLong,
            Method getReference) {
        this.unsafe = unsafe;
        this.fieldOffset = fieldOffset;
        this.arrayBase = arrayBase;
        this.arrayScale = arrayScale;
        this.getLong = getLong;
        this.getReference = getReference;
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
                    type.getMethod("arrayBaseOffset", Class.class), type.getMethod("arrayIndexScale", Class.class),
                    type.getMethod("getLong", Object.class, long.class),
                    type.getMethod("getReference", Object.class, long.class));
        } catch (Throwable t) {
            contention.agent.AgentLog.info("field offsets unknown, false sharing not reported: "
                    + contention.agent.AgentLog.describe(t));
            return new MemberLayout(null, null, null, null, null, null);
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

    /**
     * The field a {@code VarHandle} or {@code Atomic*FieldUpdater} reaches: the internal name of its declaring class
     * and its name; null if unknown (not a handle of an instance field, or an updater whose inside this JDK lays out
     * differently).
     */
    String[] fieldOf(Object handle) {
        if (handle == null) {
            return null;
        }
        return handleFields.computeIfAbsent(handle, h -> {
            try {
                return h instanceof java.lang.invoke.VarHandle ? varHandleField((java.lang.invoke.VarHandle) h)
                        : updaterField(h);
            } catch (Throwable t) {
                return null;
            }
        });
    }

    // A field handle describes itself (JDK 12+): fieldVarHandle's arguments are the declaring class and the type.
    private static String[] varHandleField(java.lang.invoke.VarHandle handle) {
        java.lang.invoke.VarHandle.VarHandleDesc desc = handle.describeConstable().orElse(null);
        if (desc == null || desc.bootstrapArgsList().size() != 2 || handle.coordinateTypes().size() != 1) {
            return null; // a static field (no coordinate) or an array
        }
        String declaring = ((java.lang.constant.ClassDesc) desc.bootstrapArgsList().get(0)).descriptorString();
        return new String[] {declaring.substring(1, declaring.length() - 1), desc.constantName()};
    }

    // An updater keeps the field's offset and its class in private fields named offset and tclass (JDK 9 to 25):
    // the field is the one of tclass or a superclass at that offset.
    private String[] updaterField(Object updater) throws Throwable {
        if (unsafe == null) {
            return null;
        }
        Class<?> impl = updater.getClass();
        long offset = (long) getLong.invoke(unsafe, updater, (long) fieldOffset.invoke(unsafe, impl, "offset"));
        Class<?> type = (Class<?>) getReference.invoke(unsafe, updater, (long) fieldOffset.invoke(unsafe, impl,
                "tclass"));
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (java.lang.reflect.Field f : c.getDeclaredFields()) {
                if (!java.lang.reflect.Modifier.isStatic(f.getModifiers())
                        && (long) fieldOffset.invoke(unsafe, c, f.getName()) == offset) {
                    return new String[] {c.getName().replace('.', '/'), f.getName()};
                }
            }
        }
        return null;
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
