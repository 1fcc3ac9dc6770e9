// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.bootstrap.falsesharing;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MutableCallSite;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Called from app code the agent rewrote: each write of a field (and read of a {@code volatile} field) of an app
 * object, each store into a {@code long[]}, {@code int[]} or {@code double[]}, and each update of an
 * {@code AtomicLong}, {@code AtomicInteger}, {@code AtomicLongArray} or {@code AtomicIntegerArray} through its
 * methods, and each access through a {@code VarHandle} or {@code Atomic*FieldUpdater} ({@link HandleHooks}) is noted, with the thread, while a sampling window is open ({@link #sampling}), for the false-sharing
 * detector to see which threads touch which members of one object.
 *
 * <p>Cost: while no window is open, one read of a volatile flag and a branch (the JIT inlines the call). In a
 * window, a look-up by thread id and four array stores (past a window's 4,096 entries, one counter increment).
 *
 * <p>Assumptions and guarantees: the hooks never throw (a null owner is ignored; the checks before an array store
 * are the JVM's, which runs after the hook) and take no lock; they touch only this package's classes and
 * {@code ThreadLocal}, which the agent does not rewrite, so they cannot re-enter. Buffers of ended threads are
 * dropped by the drain. The atomic wrappers do what the method they stand for does, with the same result and
 * exceptions.
 */
public final class SharedWrites {

    /** Whether a sampling window is open: the hooks note accesses only then. */
    static volatile boolean sampling;

    // Whether the hooks may note at all, as a constant the JIT folds: while disarmed, compiled app code keeps no path
    // on which a hook stores the app's object, so escape analysis still removes the app's short-lived objects.
    // Arming or disarming deoptimizes the methods that inlined a hook (JDK's SwitchPoint works the same way), so it
    // happens seldom: once per armed period (CacheLineSampler).
    private static final MutableCallSite ARMED = new MutableCallSite(MethodHandles.constant(boolean.class, false));
    private static final MethodHandle IS_ARMED = ARMED.dynamicInvoker();
    private static boolean armedNow; // ARMED's value, for the one thread that changes it

    /** The window's number; a thread appends into half {@code epoch & 1} of its buffer. */
    static volatile int epoch;

    // Buffers by thread id modulo the table: cheaper than a ThreadLocal's hash probe on every noted access. A
    // thread whose slot a live thread holds uses the ThreadLocal.
    private static final int SLOTS = 4_096;
    private static final WriteBuffer[] BY_ID = new WriteBuffer[SLOTS];
    private static final ThreadLocal<WriteBuffer> BUFFERS = new ThreadLocal<>();
    private static final ConcurrentLinkedQueue<WriteBuffer> ALL = new ConcurrentLinkedQueue<>();

    /** Loads and links everything the hooks reach; called before any code is rewritten to call them. */
    public static void initialize() {
        WriteBuffer probe = new WriteBuffer(Thread.currentThread());
        probe.append(0, probe, 0, 0, WriteBuffer.WRITE);
        probe.clear(0);
        armed();
        WriteSites.site(WriteSites.register("java/lang/Object", null, "probe"));
        HandleHooks.initialize();
    }

    /** Opens or closes sampling windows (the drain's timer); opening arms the hooks first. */
    public static void sampling(boolean open) {
        if (open) {
            arm(true);
        }
        sampling = open;
    }

    /**
     * Arms or disarms the hooks: disarmed, compiled code runs as if they were not there (the methods that inlined
     * them are recompiled). Sampling windows need the hooks armed; disarming closes any window.
     */
    public static synchronized void arm(boolean on) {
        if (!on) {
            sampling = false;
        }
        if (on != armedNow) {
            armedNow = on;
            ARMED.setTarget(MethodHandles.constant(boolean.class, on));
            MutableCallSite.syncAll(new MutableCallSite[] {ARMED});
        }
    }

    // In compiled code a constant; in the interpreter a method handle call, made only while a window is open.
    static boolean armed() {
        try {
            return (boolean) IS_ARMED.invokeExact();
        } catch (Throwable t) {
            return false;
        }
    }

    /** Starts the next window: threads append into the other half from now on. Returns the half just ended. */
    public static int flip() {
        int ended = epoch & 1;
        epoch = epoch + 1;
        return ended;
    }

    /** Every thread's buffer; those of ended threads are dropped after this call returns them one last time. */
    public static List<WriteBuffer> buffers() {
        List<WriteBuffer> all = new ArrayList<>(ALL);
        ALL.removeIf(b -> !b.thread.isAlive());
        for (int i = 0; i < SLOTS; i++) {
            WriteBuffer held = BY_ID[i];
            if (held != null && !held.thread.isAlive()) {
                BY_ID[i] = null; // neither the ended thread nor its buffer stays reachable from here
            }
        }
        return all;
    }

    /** Before {@code putfield} at {@code site}: {@code owner}'s field is written. */
    public static void write(Object owner, int site) {
        if (sampling && owner != null && armed()) {
            note(owner, site, 0, WriteBuffer.WRITE);
        }
    }

    /** Before {@code getfield} of a volatile field at {@code site}. */
    public static void read(Object owner, int site) {
        if (sampling && owner != null && armed()) {
            note(owner, site, 0, WriteBuffer.READ);
        }
    }

    /** Before {@code lastore}, {@code iastore} or {@code dastore} at {@code site}: slot {@code index} is written. */
    public static void slot(Object array, int index, int site) {
        if (sampling && array != null && armed()) {
            note(array, site, index, WriteBuffer.SLOT_WRITE);
        }
    }

    @SuppressWarnings("deprecation") // Thread.getId: threadId() is JDK 19+
    /** Notes an access; the caller checked {@link #sampling} and {@link #armed()}. */
    static void note(Object owner, int site, int slot, byte kind) {
        Thread thread = Thread.currentThread();
        int index = (int) (thread.getId() & (SLOTS - 1));
        WriteBuffer buffer = BY_ID[index];
        if (buffer == null || buffer.thread != thread) {
            buffer = bufferOf(thread, index);
        }
        buffer.append(epoch & 1, owner, site, slot, kind);
    }

    // The thread's buffer, created on its first noted access; racing threads of one slot each keep their own.
    private static WriteBuffer bufferOf(Thread thread, int index) {
        WriteBuffer buffer = BUFFERS.get();
        if (buffer == null) {
            buffer = new WriteBuffer(thread);
            BUFFERS.set(buffer);
            ALL.add(buffer);
        }
        WriteBuffer holder = BY_ID[index];
        if (holder == null || !holder.thread.isAlive()) {
            BY_ID[index] = buffer;
        }
        return buffer;
    }

    private SharedWrites() {}
}
