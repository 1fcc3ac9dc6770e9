// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.stats;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/**
 * {@link RequestStats}'s four adjacent {@code volatile long} counters, incremented atomically the two ways
 * lock-free code does it without an {@code AtomicLong} per counter: through {@code AtomicLongFieldUpdater}s or
 * through {@code VarHandle}s. The updates are atomic and each counter has its own writer, yet all four share one
 * cache line: false sharing, as with plain fields.
 */
final class HandleRequestStats implements RequestCounters {

    /** How the counters are updated. */
    enum Access {
        UPDATER,
        VARHANDLE
    }

    private static final AtomicLongFieldUpdater<HandleRequestStats> HITS =
            AtomicLongFieldUpdater.newUpdater(HandleRequestStats.class, "hits");
    private static final AtomicLongFieldUpdater<HandleRequestStats> MISSES =
            AtomicLongFieldUpdater.newUpdater(HandleRequestStats.class, "misses");
    private static final AtomicLongFieldUpdater<HandleRequestStats> ERRORS =
            AtomicLongFieldUpdater.newUpdater(HandleRequestStats.class, "errors");
    private static final AtomicLongFieldUpdater<HandleRequestStats> TIMEOUTS =
            AtomicLongFieldUpdater.newUpdater(HandleRequestStats.class, "timeouts");
    private static final VarHandle HITS_HANDLE;
    private static final VarHandle MISSES_HANDLE;
    private static final VarHandle ERRORS_HANDLE;
    private static final VarHandle TIMEOUTS_HANDLE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            HITS_HANDLE = lookup.findVarHandle(HandleRequestStats.class, "hits", long.class);
            MISSES_HANDLE = lookup.findVarHandle(HandleRequestStats.class, "misses", long.class);
            ERRORS_HANDLE = lookup.findVarHandle(HandleRequestStats.class, "errors", long.class);
            TIMEOUTS_HANDLE = lookup.findVarHandle(HandleRequestStats.class, "timeouts", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Access access;
    volatile long hits;
    volatile long misses;
    volatile long errors;
    volatile long timeouts;

    HandleRequestStats(Access access) {
        this.access = access;
    }

    @Override
    public void countHit() {
        if (access == Access.UPDATER) {
            HITS.incrementAndGet(this);
        } else {
            HITS_HANDLE.getAndAdd(this, 1L);
        }
    }

    @Override
    public void countMiss() {
        if (access == Access.UPDATER) {
            MISSES.incrementAndGet(this);
        } else {
            MISSES_HANDLE.getAndAdd(this, 1L);
        }
    }

    @Override
    public void countError() {
        if (access == Access.UPDATER) {
            ERRORS.incrementAndGet(this);
        } else {
            ERRORS_HANDLE.getAndAdd(this, 1L);
        }
    }

    @Override
    public void countTimeout() {
        if (access == Access.UPDATER) {
            TIMEOUTS.incrementAndGet(this);
        } else {
            TIMEOUTS_HANDLE.getAndAdd(this, 1L);
        }
    }

    @Override
    public long[] counts() {
        if (access == Access.UPDATER) {
            return new long[] {HITS.get(this), MISSES.get(this), ERRORS.get(this), TIMEOUTS.get(this)};
        }
        return new long[] {(long) HITS_HANDLE.getVolatile(this), (long) MISSES_HANDLE.getVolatile(this),
            (long) ERRORS_HANDLE.getVolatile(this), (long) TIMEOUTS_HANDLE.getVolatile(this)};
    }
}
