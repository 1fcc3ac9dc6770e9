// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.bootstrap;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Called from code the agent rewrote around {@code monitorenter}/{@code monitorexit} and from advice on
 * {@code synchronized} methods: samples one monitor acquisition in {@link #SAMPLE_RATE} and times its hold, per
 * monitor instance, so that the report can give each monitor its acquisitions, hold time and utilization.
 *
 * <p>Why not the wait: a monitor has no slow path the agent can see, so a wait could only be timed by reading the
 * clock around {@code monitorenter}. On every acquisition that costs ~40 ns here (two clock reads), far over
 * budget; on a sample of them it is biased: the sampled thread arrives those nanoseconds late and loses the race
 * that an unfair monitor's releasing thread usually wins, so sampled waits ran ~2x longer than the rest (measured
 * on the LRU sample: an estimated 17.7 s of waiting in a 1 s period of 8 threads). JFR's
 * {@code jdk.JavaMonitorEnter}, recorded at threshold 0, times every wait that blocks, exactly; the report takes
 * monitor waits from it. Waits that only spin are in neither.
 *
 * <p>Assumptions and guarantees: runs on the app's threads next to its {@code monitorenter} and {@code monitorexit};
 * never throws, never takes a monitor or lock it instruments, and costs an unsampled acquisition one
 * thread-local random draw and two reads of a counter that is 0 unless some thread has a sample open. A
 * re-entered monitor is not sampled again; a hold ends at its outermost exit.
 */
public final class MonitorHooks {

    /** One acquisition in this many is timed from {@code monitorenter} to the matching exit. */
    public static final int SAMPLE_RATE = 64;

    private static volatile boolean active;
    // Set once an app class stored a StringBuffer in a field: until then a StringBuffer call, whose whole body runs
    // inside its monitor, costs one read of this flag (and the JIT keeps eliding the locks of local buffers).
    private static volatile boolean buffersStored;

    /** Initializes every class the hooks reach; called before any code is rewritten to call them. */
    static void initialize() {
        HoldSamples.current().takeEntering();
        MonitorSites.field(MonitorSites.register(null));
        LockKinds.monitorClass(MonitorHooks.class);
        // Load the monitor-guarded collections now, so they are retransformed with the classes already loaded.
        new java.util.Hashtable<Object, Object>();
        new java.util.Vector<Object>();
        java.util.Collections.synchronizedCollection(new java.util.ArrayList<Object>());
        java.util.Collections.synchronizedList(new java.util.ArrayList<Object>());
        java.util.Collections.synchronizedList(new java.util.LinkedList<Object>());
        java.util.Collections.synchronizedNavigableSet(new java.util.TreeSet<Object>());
        java.util.Collections.synchronizedNavigableMap(new java.util.TreeMap<Object, Object>());
        java.util.Collections.synchronizedMap(new java.util.HashMap<Object, Object>()).entrySet();
        StringBuffer probe = new StringBuffer();
        knownMethodEntered(probe);
        LockRegistry.knownMonitorStateOf(probe);
        binEntering(new Object(), new Object());
        entered();
        active = true;
    }

    /** Just before {@code monitorenter} of a {@code synchronized} statement at site {@code site}. */
    public static void entering(Object monitor, int site) {
        maybeSample(monitor, site, null);
    }

    /**
     * Just before {@code monitorenter} on a bin of {@code map} in {@code ConcurrentHashMap.compute*} or
     * {@code merge}: the hold is sampled like any monitor's, but counted for the map.
     */
    public static void binEntering(Object bin, Object map) {
        maybeSample(bin, 0, map);
    }

    // Decides whether this acquisition of monitor is sampled; if so, entered() takes it up once it is held.
    private static void maybeSample(Object monitor, int site, Object owner) {
        if (!active || monitor == null) {
            return;
        }
        if (HoldSamples.OPEN.get() != 0 && HoldSamples.current().reenter(monitor)) {
            return; // inside its own sampled hold: this exit will not be the last
        }
        if (ThreadLocalRandom.current().nextInt(SAMPLE_RATE) != 0 || Thread.holdsLock(monitor)) {
            return; // not sampled, or re-entered while held unsampled
        }
        HoldSamples.current().startEntering(monitor, site, owner);
    }

    /** Just after the {@code monitorenter} that {@link #entering} saw: the monitor is held now. */
    public static void entered() {
        if (HoldSamples.OPEN.get() == 0) {
            return;
        }
        HoldSamples holds = HoldSamples.current();
        int site = holds.enteringSite;
        Object owner = holds.enteringOwner;
        Object monitor = holds.takeEntering();
        if (monitor == null || !CallDepth.enter()) {
            return;
        }
        try {
            LockState state = LockRegistry.monitorStateOf(owner != null ? owner : monitor, null, MonitorSites.field(site));
            state.recordSampledAcquisition();
            holds.begin(monitor, state, System.nanoTime());
        } finally {
            CallDepth.exit();
        }
    }

    /** Just before a {@code monitorexit}, on the normal and the exceptional path alike. */
    public static void exiting(Object monitor) {
        if (HoldSamples.OPEN.get() != 0 && monitor != null) {
            HoldSamples holds = HoldSamples.current();
            if (!holds.isEmpty()) {
                holds.exit(monitor, System.nanoTime());
            }
        }
    }

    /**
     * A {@code synchronized} method's body starts: its monitor is held (its wait happened before the body and is
     * JFR's to see). Returns whether this hold is sampled; only then is {@link #methodExiting} called.
     */
    public static boolean methodEntered(Object monitor) {
        return active && sampleMethodHold(monitor, false);
    }

    /**
     * Like {@link #methodEntered}, for a class whose instances are nearly all confined to one thread
     * ({@code StringBuffer}): only a monitor registered already, because the app stored it in a field
     * ({@link #created}), is sampled, and never gets a new entry in the lock table; until an app stores one, a
     * call costs one read of a flag.
     */
    public static boolean knownMethodEntered(Object monitor) {
        return buffersStored && active && sampleMethodHold(monitor, true);
    }

    // Draws whether this hold of a synchronized method's monitor is sampled and, if so, opens it; knownOnly: only
    // for a monitor already in the lock table.
    private static boolean sampleMethodHold(Object monitor, boolean knownOnly) {
        if (ThreadLocalRandom.current().nextInt(SAMPLE_RATE) != 0 || !CallDepth.enter()) {
            return false;
        }
        try {
            HoldSamples holds = HoldSamples.current();
            if (holds.holds(monitor)) {
                return false; // re-entered inside a sampled hold, which the outer exit ends
            }
            LockState state = knownOnly ? LockRegistry.knownMonitorStateOf(monitor)
                    : LockRegistry.monitorStateOf(monitor, null, null);
            if (state == null) {
                return false;
            }
            state.recordSampledAcquisition();
            holds.begin(monitor, state, System.nanoTime());
            return true;
        } finally {
            CallDepth.exit();
        }
    }

    /** A sampled {@code synchronized} method returns or throws; its monitor is released right after. */
    public static void methodExiting(Object monitor) {
        HoldSamples.current().end(monitor, System.nanoTime());
    }

    /**
     * A monitor-guarded collection ({@code Hashtable}, {@code Vector}, a
     * {@code Collections.synchronized*} wrapper) was constructed, or an app class stored a {@code StringBuffer} in
     * a field: remember where, within the capture budget. Its monitor is {@code mutex}: the collection itself, or
     * the object passed to the wrapper.
     */
    public static void created(Object mutex) {
        if (!active || mutex == null) {
            return;
        }
        if (!buffersStored && mutex instanceof StringBuffer) {
            buffersStored = true;
        }
        if (!AllocationSites.tryAcquireBudget() || !CallDepth.enter()) {
            return;
        }
        try {
            LockRegistry.monitorStateOf(mutex, AllocationSites.capture(), null);
        } finally {
            CallDepth.exit();
        }
    }

    private MonitorHooks() {}
}
