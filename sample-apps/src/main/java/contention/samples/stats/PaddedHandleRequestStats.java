// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.stats;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/**
 * The fixed twin of {@link HandleRequestStats}: the same updaters and handles on {@link PaddedRequestStats}'s
 * counters, 128 bytes apart ({@link RequestStatsPadding}). An updater or handle names the class that declares its
 * field, here each counter's own class of the padding chain.
 */
final class PaddedHandleRequestStats extends RequestStatsPadding.AfterTimeouts implements RequestCounters {

    private static final AtomicLongFieldUpdater<RequestStatsPadding.Hits> HITS =
            AtomicLongFieldUpdater.newUpdater(RequestStatsPadding.Hits.class, "hits");
    private static final AtomicLongFieldUpdater<RequestStatsPadding.Misses> MISSES =
            AtomicLongFieldUpdater.newUpdater(RequestStatsPadding.Misses.class, "misses");
    private static final AtomicLongFieldUpdater<RequestStatsPadding.Errors> ERRORS =
            AtomicLongFieldUpdater.newUpdater(RequestStatsPadding.Errors.class, "errors");
    private static final AtomicLongFieldUpdater<RequestStatsPadding.Timeouts> TIMEOUTS =
            AtomicLongFieldUpdater.newUpdater(RequestStatsPadding.Timeouts.class, "timeouts");
    private static final VarHandle HITS_HANDLE;
    private static final VarHandle MISSES_HANDLE;
    private static final VarHandle ERRORS_HANDLE;
    private static final VarHandle TIMEOUTS_HANDLE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            HITS_HANDLE = lookup.findVarHandle(RequestStatsPadding.Hits.class, "hits", long.class);
            MISSES_HANDLE = lookup.findVarHandle(RequestStatsPadding.Misses.class, "misses", long.class);
            ERRORS_HANDLE = lookup.findVarHandle(RequestStatsPadding.Errors.class, "errors", long.class);
            TIMEOUTS_HANDLE = lookup.findVarHandle(RequestStatsPadding.Timeouts.class, "timeouts", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final HandleRequestStats.Access access;

    PaddedHandleRequestStats(HandleRequestStats.Access access) {
        this.access = access;
    }

    @Override
    public void countHit() {
        if (access == HandleRequestStats.Access.UPDATER) {
            HITS.incrementAndGet(this);
        } else {
            HITS_HANDLE.getAndAdd((RequestStatsPadding.Hits) this, 1L);
        }
    }

    @Override
    public void countMiss() {
        if (access == HandleRequestStats.Access.UPDATER) {
            MISSES.incrementAndGet(this);
        } else {
            MISSES_HANDLE.getAndAdd((RequestStatsPadding.Misses) this, 1L);
        }
    }

    @Override
    public void countError() {
        if (access == HandleRequestStats.Access.UPDATER) {
            ERRORS.incrementAndGet(this);
        } else {
            ERRORS_HANDLE.getAndAdd((RequestStatsPadding.Errors) this, 1L);
        }
    }

    @Override
    public void countTimeout() {
        if (access == HandleRequestStats.Access.UPDATER) {
            TIMEOUTS.incrementAndGet(this);
        } else {
            TIMEOUTS_HANDLE.getAndAdd((RequestStatsPadding.Timeouts) this, 1L);
        }
    }

    @Override
    public long[] counts() {
        return new long[] {hits, misses, errors, timeouts};
    }
}
