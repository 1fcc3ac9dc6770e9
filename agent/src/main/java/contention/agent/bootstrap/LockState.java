// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.bootstrap;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one lock instance since the last time they were drained.
 *
 * <p>Assumptions and guarantees: any thread records into it concurrently (striped adders, no lock); one thread
 * (JFR's periodic task) drains it. A drain races with recording: a wait recorded during a drain lands in this
 * period or the next, never nowhere.
 */
public final class LockState {

    /** Beyond this many distinct waiting threads per period, further ones are not told apart. */
    static final int MAX_THREADS_PER_PERIOD = 1_024;

    // Slots for the threads seen acquiring per period; distinct threads beyond this, or whose ids collide, are
    // counted as one. Enough to tell "one thread" from "the threads of a pool", which is what the count is for.
    static final int ACQUIRER_SLOTS = 32;

    public final long id;
    public final String lockClass;
    public final boolean fair;
    /** An object's monitor ({@code synchronized}): the agent samples its holds; its waits are JFR's. */
    public final boolean monitor;
    /**
     * {@code System.identityHashCode} of the monitor, as {@code java.lang.management.LockInfo} names the monitor a
     * blocked thread waits for; 0 for other locks.
     */
    public final int identityHash;
    public final String allocationSite;
    /** Where it was created, for finding its field; null when not captured. */
    public final AllocationSite site;
    /** The field the lock was stored in when created ({@code com.acme.Ledger.lock}), once resolved; or null. */
    public volatile String field;
    /** Whether {@link #field} was looked for already (found or not). */
    public volatile boolean fieldResolved;

    private final LongAdder contended = new LongAdder();
    private final LongAdder waitNanos = new LongAdder();
    private final LongAdder sampledAcquisitions = new LongAdder();
    private final LongAdder sampledHoldNanos = new LongAdder();
    private final ConcurrentHashMap<Long, Boolean> waitingThreads = new ConcurrentHashMap<>();
    // Thread ids (+1, so that 0 is an empty slot) seen in sampled acquisitions, by id modulo the slots: no
    // allocation, and a racing write loses at worst one sighting.
    private final AtomicLongArray acquirers = new AtomicLongArray(ACQUIRER_SLOTS);

    LockState(long id, String lockClass, boolean fair, AllocationSite site) {
        this(id, lockClass, fair, site, false, 0);
    }

    LockState(long id, String lockClass, boolean fair, AllocationSite site, boolean monitor, int identityHash) {
        this.id = id;
        this.lockClass = lockClass;
        this.fair = fair;
        this.monitor = monitor;
        this.identityHash = identityHash;
        this.site = site;
        this.allocationSite = site == null ? "" : site.frames;
    }

    void recordWait(long nanos, long threadId) {
        contended.increment();
        waitNanos.add(nanos);
        if (waitingThreads.size() < MAX_THREADS_PER_PERIOD) {
            waitingThreads.putIfAbsent(threadId, Boolean.TRUE);
        }
    }

    /** One sampled acquisition, by the current thread. */
    void recordSampledAcquisition() {
        sampledAcquisitions.increment();
        long id = Thread.currentThread().getId() + 1;
        int slot = (int) (id % ACQUIRER_SLOTS);
        if (acquirers.get(slot) != id) {
            acquirers.lazySet(slot, id);
        }
    }

    void recordSampledHold(long nanos) {
        sampledHoldNanos.add(nanos);
    }

    private static final long[] NO_THREADS = new long[0];

    /** Counters since the previous drain, reset as they are read. */
    public Drained drain() {
        int threads = waitingThreads.size();
        waitingThreads.clear();
        // The ids only for a monitor, whose threads' states the global-lock watch may sample; a count for the rest.
        long[] seen = monitor ? new long[ACQUIRER_SLOTS] : null;
        int acquiring = 0;
        for (int i = 0; i < ACQUIRER_SLOTS; i++) {
            long id = acquirers.getAndSet(i, 0);
            if (id != 0) {
                if (seen != null) {
                    seen[acquiring] = id - 1;
                }
                acquiring++;
            }
        }
        return new Drained(contended.sumThenReset(), waitNanos.sumThenReset(), sampledAcquisitions.sumThenReset(),
                sampledHoldNanos.sumThenReset(), threads, acquiring,
                seen == null || acquiring == 0 ? NO_THREADS : Arrays.copyOf(seen, acquiring));
    }

    /** One period's counters of a lock. */
    public static final class Drained {
        public final long contended;
        public final long waitNanos;
        public final long sampledAcquisitions;
        public final long sampledHoldNanos;
        public final int waitingThreads;
        /** Distinct threads seen in the sampled acquisitions (approximate: ids modulo a few slots). */
        public final int acquiringThreads;
        /** Their ids ({@code Thread.getId()}) for a monitor; empty for other locks. */
        public final long[] acquiringThreadIds;

        Drained(long contended, long waitNanos, long sampledAcquisitions, long sampledHoldNanos, int waitingThreads,
                int acquiringThreads, long[] acquiringThreadIds) {
            this.acquiringThreads = acquiringThreads;
            this.acquiringThreadIds = acquiringThreadIds;
            this.contended = contended;
            this.waitNanos = waitNanos;
            this.sampledAcquisitions = sampledAcquisitions;
            this.sampledHoldNanos = sampledHoldNanos;
            this.waitingThreads = waitingThreads;
        }

        public boolean isEmpty() {
            return contended == 0 && sampledAcquisitions == 0;
        }
    }
}
