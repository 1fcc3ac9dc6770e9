// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.bootstrap.executors;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Stream;

/**
 * The side table from executor instances to their {@link PoolState}, keyed weakly by identity: retransformed JDK
 * classes cannot gain a field.
 *
 * <p>An open-addressing table looked up by {@code System.identityHashCode} without allocating, because every
 * submission and every task start looks its pool up. Entries are only ever added or replaced (a collected
 * pool's entry is reused by a new pool), never cleared, so a probe sequence never breaks; writers hold the
 * registry's monitor, readers take none.
 *
 * <p>Assumptions and guarantees: at most {@link #MAX_POOLS} live pools are told apart; the rest are folded into
 * {@link #OTHER}, and once the table is full even the look-up of a folded pool takes the monitor (only with
 * thousands of live pools). Registering captures the creating stack, a few microseconds, once per pool.
 */
public final class PoolRegistry {

    /** Pools told apart at once (docs/executor-events.md). */
    public static final int MAX_POOLS = 1_000;

    /** Table slots: 4x {@link #MAX_POOLS}, so probes stay short and folded pools still get an entry. */
    static final int CAPACITY = 4_096;

    /** Application frames kept of a pool's creation site. */
    static final int SITE_FRAMES = 3;

    public static final PoolState OTHER =
            new PoolState(0, null, PoolState.KIND_OTHER, "", "", "[other pools]", false);

    private static final PoolState IGNORED =
            new PoolState(-1, null, PoolState.KIND_OTHER, "", "", "[ignored]", true);

    private static final AtomicReferenceArray<Entry> TABLE = new AtomicReferenceArray<>(CAPACITY);
    private static final StackWalker WALKER = StackWalker.getInstance();
    private static long nextId = 1; // guarded by PoolRegistry.class
    private static int told; // live pools told apart as of the last count; guarded by PoolRegistry.class

    /** Loads and initializes what registering reaches, before any advice runs. */
    static void initialize() {
        creationSite();
        new Entry(new Object(), OTHER).reported = false;
        IGNORED.name();
    }

    /** The state of {@code pool}, registering it without a creation site if it is new. */
    public static PoolState stateOf(Object pool) {
        int mask = CAPACITY - 1;
        int start = mix(System.identityHashCode(pool)) & mask;
        for (int i = 0; i < CAPACITY; i++) {
            Entry e = TABLE.get((start + i) & mask);
            if (e == null) {
                break;
            }
            if (e.get() == pool) {
                return e.state;
            }
        }
        return register(pool, false);
    }

    /** Registers {@code pool} as it is constructed, with where; a no-op if already known. */
    static PoolState created(Object pool) {
        return register(pool, true);
    }

    private static synchronized PoolState register(Object pool, boolean captureSite) {
        int mask = CAPACITY - 1;
        int start = mix(System.identityHashCode(pool)) & mask;
        int free = -1;
        for (int i = 0; i < CAPACITY; i++) {
            int slot = (start + i) & mask;
            Entry e = TABLE.get(slot);
            if (e == null) {
                if (free < 0) {
                    free = slot;
                }
                break;
            }
            Object known = e.get();
            if (known == pool) {
                return e.state;
            }
            if (known == null && free < 0) {
                free = slot; // a collected pool's entry: reuse it, the probe sequence stays intact
            }
        }
        if (free < 0) {
            return OTHER; // thousands of live pools: the table is full
        }
        PoolState state;
        if (isIgnored(pool)) {
            state = IGNORED;
        } else if (told >= MAX_POOLS && countLive() >= MAX_POOLS) {
            state = OTHER;
        } else {
            state = newState(pool, captureSite ? creationSite() : "");
            told++;
        }
        TABLE.set(free, new Entry(pool, state));
        return state;
    }

    private static PoolState newState(Object pool, String site) {
        String cls = pool.getClass().getName();
        if (pool instanceof ThreadPoolExecutor) {
            return new PoolState(nextId++, pool, PoolState.KIND_THREAD_POOL, cls, site, null, false);
        }
        if (pool instanceof ForkJoinPool) {
            String fixed = pool == ForkJoinPool.commonPool() ? "ForkJoinPool.commonPool" : null;
            return new PoolState(nextId++, pool, PoolState.KIND_FORK_JOIN, cls, site, fixed, false);
        }
        return new PoolState(nextId++, pool, PoolState.KIND_THREAD_PER_TASK, cls, site, null, false);
    }

    /**
     * The virtual-thread scheduler is a ForkJoinPool whose workers are carrier threads: its tasks are virtual
     * threads' continuations, not the app's tasks, and counting them would cost every park and unpark.
     */
    private static boolean isIgnored(Object pool) {
        return pool instanceof ForkJoinPool
                && ((ForkJoinPool) pool).getFactory().getClass().getName().startsWith("java.lang.VirtualThread");
    }

    private static int countLive() {
        int live = 0;
        for (int i = 0; i < CAPACITY; i++) {
            Entry e = TABLE.get(i);
            if (e != null && e.state != OTHER && e.state != IGNORED && e.get() != null) {
                live++;
            }
        }
        told = live;
        return live;
    }

    /** Every pool told apart, live or collected since the last call but not yet drained, plus {@link #OTHER}. */
    public static synchronized List<PoolState> states() {
        List<PoolState> all = new ArrayList<>();
        for (int i = 0; i < CAPACITY; i++) {
            Entry e = TABLE.get(i);
            if (e != null && e.state != OTHER && e.state != IGNORED && !e.reported) {
                all.add(e.state);
                if (e.get() == null) {
                    e.reported = true; // its last counts are drained this once; the entry is reused later
                }
            }
        }
        all.add(OTHER);
        return all;
    }

    private static String creationSite() {
        return WALKER.walk(PoolRegistry::appFrames);
    }

    private static String appFrames(Stream<StackWalker.StackFrame> frames) {
        StringBuilder site = new StringBuilder();
        int kept = 0;
        for (Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext() && kept < SITE_FRAMES; ) {
            StackWalker.StackFrame frame = it.next();
            String cls = frame.getClassName();
            if (kept == 0 && (cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("sun.")
                    || cls.startsWith("contention.agent."))) {
                continue;
            }
            if (kept++ > 0) {
                site.append('\n');
            }
            site.append(cls).append('.').append(frame.getMethodName()).append('(');
            site.append(frame.getFileName() == null ? "Unknown Source" : frame.getFileName());
            if (frame.getLineNumber() > 0) {
                site.append(':').append(frame.getLineNumber());
            }
            site.append(')');
        }
        return site.toString();
    }

    // identityHashCode's low bits are fine on HotSpot; a multiply spreads them anyway for a power-of-two table.
    private static int mix(int h) {
        return h * 0x9E3779B9 >>> 7;
    }

    /** A pool, held weakly, and its state. */
    private static final class Entry extends WeakReference<Object> {
        final PoolState state;
        boolean reported; // guarded by PoolRegistry.class

        Entry(Object pool, PoolState state) {
            super(pool);
            this.state = state;
        }
    }

    private PoolRegistry() {}
}
