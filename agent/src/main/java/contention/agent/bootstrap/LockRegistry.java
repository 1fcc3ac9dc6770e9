// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.bootstrap;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The side table from lock instances to their {@link LockState}: retransformed JDK classes cannot gain a field,
 * so state is found by identity, and held weakly so that a lock the app drops is dropped here too.
 *
 * <p>Assumptions and guarantees: called from advice on any thread, only on slow paths (a contended acquisition,
 * a sampled one, a lock's construction); never blocks on a lock the agent instruments ({@link ConcurrentHashMap}
 * uses its own bin monitors and CAS). At most {@link #MAX_LOCKS} locks are told apart; the rest share one
 * {@link #OTHER} state, so memory stays bounded whatever the app allocates.
 */
public final class LockRegistry {

    /** Locks told apart at once; more would cost memory without making the report more readable. */
    public static final int MAX_LOCKS = 100_000;

    public static final LockState OTHER = new LockState(0, "[other locks]", false, null);

    private static final ConcurrentHashMap<IdentityKey, LockState> STATES = new ConcurrentHashMap<>();
    private static final ReferenceQueue<Object> COLLECTED = new ReferenceQueue<>();
    private static final AtomicLong NEXT_ID = new AtomicLong(1);

    /** The state of {@code lock}, registering it without an allocation site if it is new. */
    public static LockState stateOf(Object lock) {
        LockState state = STATES.get(new IdentityKey(lock, null));
        return state != null ? state : register(lock, null);
    }

    /** Registers a lock at its construction, with where it was created. */
    public static LockState register(Object lock, AllocationSite allocationSite) {
        if (full()) {
            return OTHER;
        }
        return insert(lock, new LockState(NEXT_ID.getAndIncrement(), LockKinds.lockClass(lock), LockKinds.isFair(lock),
                allocationSite));
    }

    /**
     * The state of an object's monitor, registering it if it is new: with {@code allocationSite} when its
     * construction was seen (a {@code Hashtable}, say), else with {@code field}, the field the
     * {@code synchronized} statement read it from, when known.
     */
    public static LockState monitorStateOf(Object monitor, AllocationSite allocationSite, String field) {
        LockState state = STATES.get(new IdentityKey(monitor, null));
        if (state != null) {
            return state;
        }
        if (full()) {
            return OTHER;
        }
        LockState fresh = new LockState(NEXT_ID.getAndIncrement(), LockKinds.monitorClass(monitor), false,
                allocationSite, true, System.identityHashCode(monitor));
        if (field != null) {
            fresh.field = field;
            fresh.fieldResolved = true;
        }
        return insert(monitor, fresh);
    }

    /** The state of a monitor registered before (its construction or a field store was seen), else null. */
    public static LockState knownMonitorStateOf(Object monitor) {
        return STATES.get(new IdentityKey(monitor, null));
    }

    // Whether MAX_LOCKS are told apart already, once the entries of collected locks are gone.
    private static boolean full() {
        if (STATES.size() >= MAX_LOCKS) {
            expungeCollected();
        }
        return STATES.size() >= MAX_LOCKS;
    }

    // Adds lock's state unless another thread registered it first; returns the one that stands.
    private static LockState insert(Object lock, LockState fresh) {
        LockState raced = STATES.putIfAbsent(new IdentityKey(lock, COLLECTED), fresh);
        return raced != null ? raced : fresh;
    }

    /** Every live lock's state, plus {@link #OTHER}; drops the entries of collected locks. */
    public static List<LockState> states() {
        expungeCollected();
        List<LockState> all = new ArrayList<>(STATES.values());
        all.add(OTHER);
        return all;
    }

    private static void expungeCollected() {
        for (Object ref; (ref = COLLECTED.poll()) != null; ) {
            STATES.remove(ref);
        }
    }

    /** A weak reference compared by the referent's identity; a lookup key holds no queue. */
    private static final class IdentityKey extends WeakReference<Object> {
        private final int hash;

        IdentityKey(Object referent, ReferenceQueue<Object> queue) {
            super(referent, queue);
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            if (!(other instanceof IdentityKey)) {
                return false;
            }
            Object mine = get();
            return mine != null && mine == ((IdentityKey) other).get();
        }
    }

    private LockRegistry() {}
}
