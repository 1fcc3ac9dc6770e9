// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.bootstrap;

import java.util.concurrent.ConcurrentHashMap;
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

    public final long id;
    public final String lockClass;
    public final boolean fair;
    /** An object's monitor ({@code synchronized}): the agent samples its holds; its waits are JFR's. */
    public final boolean monitor;
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

    LockState(long id, String lockClass, boolean fair, AllocationSite site) {
        this(id, lockClass, fair, site, false);
    }

    LockState(long id, String lockClass, boolean fair, AllocationSite site, boolean monitor) {
        this.id = id;
        this.lockClass = lockClass;
        this.fair = fair;
        this.monitor = monitor;
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

    void recordSampledAcquisition() {
        sampledAcquisitions.increment();
    }

    void recordSampledHold(long nanos) {
        sampledHoldNanos.add(nanos);
    }

    /** Counters since the previous drain, reset as they are read. */
    public Drained drain() {
        int threads = waitingThreads.size();
        waitingThreads.clear();
        return new Drained(contended.sumThenReset(), waitNanos.sumThenReset(), sampledAcquisitions.sumThenReset(),
                sampledHoldNanos.sumThenReset(), threads);
    }

    /** One period's counters of a lock. */
    public static final class Drained {
        public final long contended;
        public final long waitNanos;
        public final long sampledAcquisitions;
        public final long sampledHoldNanos;
        public final int waitingThreads;

        Drained(long contended, long waitNanos, long sampledAcquisitions, long sampledHoldNanos, int waitingThreads) {
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
