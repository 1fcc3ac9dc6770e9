// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.detect;

import static contention.analyzer.detect.Pools.percent;

import contention.analyzer.aggregate.Profile;
import contention.analyzer.model.CallSite;
import contention.analyzer.model.Lock;
import contention.analyzer.read.EventNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A lock its waiting threads spend a significant share of their lives waiting for. Reads per-lock wait
 * and the lifetimes of the threads that waited; reports one finding per such lock, naming its class, its
 * field or allocation site when known, and its worst call site.
 *
 * <p>waitShare = the lock's total wait / the sum, over the threads that waited for it, of the time each
 * was alive during the recording. The same for monitors and j.u.c locks JFR saw (grouped by class) and for
 * the lock instances the agent timed; never for the agent's bucket of locks it did not tell apart.
 */
public final class HotLockDetector implements Detector {

    /*
     * Calibrated on the LRU sample (contention.samples.lrucache.LruCacheApp: 8 threads sharing a
     * Collections.synchronizedMap, 2 CPUs): waitShare 0.85, 22.99 s of wait over 8 threads x 3.38 s alive.
     * Its fixed twin (LruCacheFixedApp, ConcurrentHashMap): no lock above 0.02. The in-process test workload
     * (Workloads.contended, 4 threads computing inside a synchronizedMap): 0.47 (0.61 in a rerun on a loaded
     * machine), its ConcurrentHashMap twin below 0.01. The ledger sample with the agent (8 threads on one fair
     * ReentrantLock, 2 CPUs) measured 0.90. 0.10 sits well clear of the twins and far below every contended
     * run. A ratio, 0..1.
     */
    static final double MIN_WAIT_SHARE = 0.10;

    // Below this total wait a lock is not worth a finding however large its share, so that a 50 ms run with
    // two threads is not flagged; the contended runs above wait 20 times as long or more (the test
    // workload's 1 s run: 1.9 to 2.4 s of wait on the map; the LRU sample's 3 s run: 17.7 to 23 s).
    static final long MIN_WAIT_NANOS = 100_000_000L /* 100 ms */;

    // One level for now: no run yet separates a hot lock that is critical from one that is a warning.
    static final Severity SEVERITY = Severity.WARNING;

    // Evidence listed in a finding: the worst sites and the most affected threads.
    static final int MAX_SITES_LISTED = 3;
    static final int MAX_THREADS_LISTED = 20;

    @Override
    public FindingKind kind() {
        return FindingKind.HOT_LOCK;
    }

    @Override
    public Set<String> requiredEvents() {
        // j.u.c locks come from the agent's events or jdk.ThreadPark when present; monitors are the minimum
        // to judge anything.
        return Set.of(EventNames.JAVA_MONITOR_ENTER);
    }

    @Override
    public List<Finding> detect(Profile profile) {
        List<Finding> findings = new ArrayList<>();
        for (Lock lock : profile.locks()) {
            if (lock.waitNanos() < MIN_WAIT_NANOS) {
                break;                                           // locks come longest wait first
            }
            if (lock.id().isAgentOtherLocks()) {
                continue;                                        // many locks summed: no one lock to name
            }
            double waitShare = profile.waitShare(lock);
            if (waitShare < MIN_WAIT_SHARE) {
                continue;                                        // cheap verdict first
            }
            if (GlobalLockDetector.isGlobal(profile, lock)) {
                continue;                                        // the global-lock finding says more
            }
            findings.add(finding(profile, lock, waitShare));
        }
        return findings;
    }

    /** Whether threads waited for this lock long enough, and a large enough share of their time, to call it hot. */
    static boolean isHot(Profile profile, Lock lock) {
        return lock.waitNanos() >= MIN_WAIT_NANOS && !lock.id().isAgentOtherLocks()
                && profile.waitShare(lock) >= MIN_WAIT_SHARE;
    }

    private static Finding finding(Profile profile, Lock lock, double waitShare) {
        int waitingThreads = lock.waitingThreads();
        CallSite worst = lock.worstSite();
        String percent = percent(waitShare);
        String title = String.format(Locale.ROOT, "%d %s spent %s of their time waiting for %s%s%s",
                waitingThreads, waitingThreads == 1 ? "thread" : "threads", percent, lock.className(),
                LockAdvice.placeOf(lock.id()), worst == null ? "" : ", most at " + worst.frame());

        StringBuilder explanation = new StringBuilder(String.format(Locale.ROOT,
                "The threads that use this lock waited %d times to acquire it, %s of the time they were alive"
                        + " in the recording; while one of them holds it, the others that need it stand still.",
                lock.waitCount(), percent));
        if (worst != null) {
            explanation.append(String.format(Locale.ROOT, " %s accounts for %s of that wait.",
                    worst.frame(), percent(siteShare(lock, worst))));
        }
        OptionalDouble largestBin = profile.largestBinShare(lock);
        if (GlobalLockDetector.isManyBins(profile, lock)) {
            // Its bins are many locks whose holds overlap: a summed utilization would read as one lock's.
            explanation.append(String.format(Locale.ROOT, " The waits were for many of the map's bins (its locks),"
                    + " the most waited-for one %s of them: threads seldom meet on one key, and a wait is long when"
                    + " the holder of a bin runs slow work in compute/merge or loses its CPU while holding it.",
                    percent(largestBin.getAsDouble())));
        } else if (lock.usage() != null) {
            explanation.append(String.format(Locale.ROOT,
                    " It was held %s of the recording (estimated from a sample of acquisitions).",
                    percent(lock.usage().utilization())));
        }

        Pools.PoolShare pool = Pools.mainPoolOf(profile, lock);
        if (pool != null) {
            // The lock, not the pool's size, is what holds this pool's tasks back.
            // Only a pool that had work queued was held back in its queue; one of long-running tasks was not.
            explanation.append(String.format(Locale.ROOT, " Workers of pool %s%s did %s of that wait: while they"
                    + " wait, the pool's threads run nothing%s.",
                    Pools.label(pool.executor()), Pools.submittedAt(pool.executor()), percent(pool.share()),
                    pool.executor().maxQueueDepth() > 0 ? ", and its tasks queue behind them" : ""));
        }

        List<String> threads = profile.waiterNames(lock, MAX_THREADS_LISTED);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("waitShare", waitShare);
        metrics.put("waitingThreads", (double) waitingThreads);
        if (lock.usage() != null) {
            metrics.put("utilization", lock.usage().utilization());
        }
        return new Finding(
                FindingKind.HOT_LOCK,
                SEVERITY,
                title,
                explanation.toString(),
                advice(lock, worst, waitShare),
                lock.id(),
                lock.sites().stream().limit(MAX_SITES_LISTED).toList(),
                threads,
                metrics,
                pool == null ? null : pool.executor().ref());
    }

    // The catalog's advice, and for a fair lock why fairness itself makes threads wait.
    private static String advice(Lock lock, CallSite worst, double waitShare) {
        String advice = LockAdvice.forLock(lock.id(), worst);
        if (lock.usage() != null && lock.usage().fair()) {
            advice += " " + LockAdvice.fairLock(lock.usage().utilization(), waitShare);
        }
        return advice;
    }

    /*
     * The site's share of the waits its own source saw: for the agent's locks sites come from the sampled,
     * weighted wait events and the lock's total from its statistics, two estimates that differ by some
     * percent; dividing one by the other could print "111% of that wait".
     */
    private static double siteShare(Lock lock, CallSite site) {
        long sampledNanos = lock.waiters().stream().mapToLong(Lock.ThreadWait::waitNanos).sum();
        long base = sampledNanos > 0 ? sampledNanos : lock.waitNanos();
        return base == 0 ? 0.0 : Math.min(1.0, (double) site.waitNanos() / base);
    }
}
