// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.diff;

import contention.analyzer.detect.Analysis;
import contention.analyzer.detect.Finding;
import contention.analyzer.model.CallSite;
import contention.analyzer.model.Executor;
import contention.analyzer.model.Lock;
import contention.analyzer.model.LockId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What changed between two analyses of the same program: per lock, waiting site and pool, the figures before and
 * after; the findings gone and new. Locks are matched by what stays the same from run to run (class, field,
 * allocation site; for a lock without them, its worst waiting site), never by the recording's own lock ids.
 *
 * @param locks per lock, wait and utilization before and after, biggest change first
 * @param sites per waiting frame, wait before and after, biggest change first
 * @param pools per pool, queue wait p99 and parallelism before and after
 * @param goneFindings findings of before with no finding of the same kind on the same subject after
 * @param newFindings findings of after with none of the same kind on the same subject before
 * @param waitBeforeNanos total lock wait before
 * @param waitAfterNanos total lock wait after
 */
public record ReportDiff(
        List<Change> locks,
        List<Change> sites,
        List<PoolChange> pools,
        List<Finding> goneFindings,
        List<Finding> newFindings,
        long waitBeforeNanos,
        long waitAfterNanos) {

    /** A change of a lock or site; an absent side is 0 wait, utilization -1 when unknown. */
    public record Change(String name, long waitBeforeNanos, long waitAfterNanos, double utilizationBefore,
            double utilizationAfter) {

        /** The change in wait, after minus before. */
        public long deltaNanos() {
            return waitAfterNanos - waitBeforeNanos;
        }
    }

    /** A pool's queue wait (p99) and effective parallelism before and after; -1 where the pool was not there. */
    public record PoolChange(String name, long queueP99BeforeNanos, long queueP99AfterNanos, double parallelismBefore,
            double parallelismAfter, long tasksBefore, long tasksAfter) {}

    /** The differences from {@code before} to {@code after}. */
    public static ReportDiff between(Analysis before, Analysis after) {
        Map<String, Lock> locksBefore = byKey(before.profile().locks(), ReportDiff::lockKey);
        Map<String, Lock> locksAfter = byKey(after.profile().locks(), ReportDiff::lockKey);
        List<Change> locks = new ArrayList<>();
        for (String key : union(locksBefore, locksAfter)) {
            Lock b = locksBefore.get(key);
            Lock a = locksAfter.get(key);
            locks.add(new Change(key, b == null ? 0 : b.waitNanos(), a == null ? 0 : a.waitNanos(),
                    utilization(b), utilization(a)));
        }
        Map<String, Long> sitesBefore = siteWaits(before);
        Map<String, Long> sitesAfter = siteWaits(after);
        List<Change> sites = new ArrayList<>();
        for (String frame : union(sitesBefore, sitesAfter)) {
            sites.add(new Change(frame, sitesBefore.getOrDefault(frame, 0L), sitesAfter.getOrDefault(frame, 0L), -1, -1));
        }
        Comparator<Change> biggest = Comparator.comparingLong((Change c) -> Math.abs(c.deltaNanos())).reversed();
        locks.sort(biggest);
        sites.sort(biggest);

        Map<String, Executor> poolsBefore = byKey(before.profile().executors(), ReportDiff::poolKey);
        Map<String, Executor> poolsAfter = byKey(after.profile().executors(), ReportDiff::poolKey);
        List<PoolChange> pools = new ArrayList<>();
        for (String key : union(poolsBefore, poolsAfter)) {
            Executor b = poolsBefore.get(key);
            Executor a = poolsAfter.get(key);
            pools.add(new PoolChange(key, b == null ? -1 : b.queueWait().p99Nanos(),
                    a == null ? -1 : a.queueWait().p99Nanos(), b == null ? -1 : b.effectiveParallelism(),
                    a == null ? -1 : a.effectiveParallelism(), b == null ? 0 : b.completed(),
                    a == null ? 0 : a.completed()));
        }

        Map<String, Finding> findingsBefore = byKey(before.findings(), ReportDiff::findingKey);
        Map<String, Finding> findingsAfter = byKey(after.findings(), ReportDiff::findingKey);
        List<Finding> gone = findingsBefore.entrySet().stream()
                .filter(e -> !findingsAfter.containsKey(e.getKey())).map(Map.Entry::getValue).toList();
        List<Finding> added = findingsAfter.entrySet().stream()
                .filter(e -> !findingsBefore.containsKey(e.getKey())).map(Map.Entry::getValue).toList();
        return new ReportDiff(List.copyOf(locks), List.copyOf(sites), List.copyOf(pools), gone, added,
                totalWait(before), totalWait(after));
    }

    /**
     * The regressions beyond {@code percent}: a new finding, total lock wait up by more than that share of what
     * it was, or a pool's queue wait p99 up by more than that share (by at least {@link #QUEUE_FLOOR_NANOS}, over
     * {@link #QUEUE_MIN_TASKS} tasks or more).
     */
    public List<String> regressions(double percent) {
        List<String> found = new ArrayList<>();
        for (Finding finding : newFindings) {
            found.add("new finding " + finding.kind().label() + ": " + finding.title());
        }
        double factor = 1 + percent / 100.0;
        if (waitAfterNanos > Math.max(waitBeforeNanos * factor, WAIT_FLOOR_NANOS)) {
            found.add(waitBeforeNanos < WAIT_FLOOR_NANOS
                    ? String.format(Locale.ROOT, "lock wait up from %.1f ms to %.1f ms", waitBeforeNanos / 1e6,
                            waitAfterNanos / 1e6)
                    : String.format(Locale.ROOT, "lock wait up %.0f%%",
                            100.0 * (waitAfterNanos - waitBeforeNanos) / waitBeforeNanos));
        }
        for (PoolChange pool : pools) {
            if (Math.min(pool.tasksBefore(), pool.tasksAfter()) >= QUEUE_MIN_TASKS
                    && pool.queueP99BeforeNanos() >= 0 && pool.queueP99AfterNanos() > pool.queueP99BeforeNanos() * factor
                    && pool.queueP99AfterNanos() - pool.queueP99BeforeNanos() >= QUEUE_FLOOR_NANOS) {
                found.add("queue wait p99 of pool " + pool.name() + " up");
            }
        }
        return found;
    }

    /** Less total lock wait than this after is never a regression: noise of an idle run. */
    public static final long WAIT_FLOOR_NANOS = 10_000_000L;

    /**
     * A pool that ran fewer tasks than this on either side is not judged by its queue wait: its p99 is one task's
     * wait (8 tasks handed to 8 threads on a loaded machine went from 0 to 55 ms as the threads started late).
     */
    public static final long QUEUE_MIN_TASKS = 100;

    /** A queue wait p99 rising by less than this is never a regression. */
    public static final long QUEUE_FLOOR_NANOS = 1_000_000L;

    static String lockKey(Lock lock) {
        LockId id = lock.id();
        if (id.field() == null && id.allocationSite() == null) {
            CallSite worst = lock.sites().isEmpty() ? null : lock.worstSite();
            return id.className() + (worst == null ? "" : " waited at " + worst.frame());
        }
        return id.className() + (id.field() == null ? "" : " in " + id.field())
                + (id.allocationSite() == null ? "" : " created at " + firstLine(id.allocationSite()));
    }

    private static String poolKey(Executor executor) {
        return executor.name() + " (" + executor.className() + ")";
    }

    private static String findingKey(Finding finding) {
        String subject = finding.lock() != null ? lockIdKey(finding.lock())
                : finding.pool() != null ? finding.pool().name()
                : !finding.fields().isEmpty() ? String.join(",", finding.fields()) : finding.title();
        return finding.kind().label() + " " + subject;
    }

    private static String lockIdKey(LockId id) {
        return id.className() + (id.field() == null ? "" : " in " + id.field())
                + (id.allocationSite() == null ? "" : " created at " + firstLine(id.allocationSite()));
    }

    private static String firstLine(String site) {
        int newline = site.indexOf('\n');
        return newline < 0 ? site : site.substring(0, newline);
    }

    private static double utilization(Lock lock) {
        return lock == null || lock.usage() == null ? -1 : lock.usage().utilization();
    }

    private static Map<String, Long> siteWaits(Analysis analysis) {
        Map<String, Long> waits = new LinkedHashMap<>();
        for (Lock lock : analysis.profile().locks()) {
            for (CallSite site : lock.sites()) {
                waits.merge(site.frame(), site.waitNanos(), Long::sum);
            }
        }
        return waits;
    }

    private static long totalWait(Analysis analysis) {
        return analysis.profile().locks().stream().mapToLong(Lock::waitNanos).sum();
    }

    private static <T> Map<String, T> byKey(List<T> items, Function<T, String> key) {
        Map<String, T> map = new LinkedHashMap<>();
        for (T item : items) {
            map.putIfAbsent(key.apply(item), item);
        }
        return map;
    }

    private static List<String> union(Map<String, ?> a, Map<String, ?> b) {
        List<String> keys = new ArrayList<>(a.keySet());
        b.keySet().stream().filter(k -> !a.containsKey(k)).forEach(keys::add);
        return keys;
    }
}
