// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.detect;

import contention.analyzer.aggregate.Profile;
import contention.analyzer.model.Executor;
import contention.analyzer.model.Lock;
import contention.analyzer.model.ThreadActivity;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How findings name a pool, and which pool's workers a lock's waits are. */
final class Pools {

    /*
     * A lock is linked to a pool when that pool's workers did at least this share of the lock's wait: then the
     * lock, not the pool's size, is what holds the pool's tasks back, and the hot-lock finding says so.
     */
    static final double MIN_POOL_SHARE_OF_LOCK_WAIT = 0.50;

    /** The executor's class without its package: {@code ThreadPoolExecutor}. */
    static String simpleClassName(Executor executor) {
        String className = executor.className();
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** The pool as a title names it: {@code resize (ThreadPoolExecutor, 4 threads)}. */
    static String label(Executor executor) {
        StringBuilder label = new StringBuilder(executor.name()).append(" (").append(simpleClassName(executor));
        if (executor.bounded()) {
            label.append(", ").append(count(executor.threadLimit(), "thread"));
        }
        return label.append(')').toString();
    }

    /** Where the pool was created, as a phrase to append to its name; empty when unknown. */
    static String createdAt(Executor executor) {
        return executor.creationSite() == null ? "" : " created at " + executor.creationSite();
    }

    /** Where most of its tasks were submitted, as a phrase to append; empty when no submit was sampled. */
    static String submittedAt(Executor executor) {
        return executor.mainSubmitSite() == null ? "" : ", submitted at " + executor.mainSubmitSite().frame();
    }

    /** The pool's workers among the profile's threads, by name, in the profile's order, at most {@code limit}. */
    static List<String> workers(Profile profile, Executor executor, int limit) {
        return profile.threads().stream()
                .map(ThreadActivity::name)
                .filter(name -> profile.executorOfThread(name).map(pool -> pool.id() == executor.id()).orElse(false))
                .limit(limit)
                .toList();
    }

    /**
     * The pool whose workers did most of this lock's wait, when they did at least
     * {@link #MIN_POOL_SHARE_OF_LOCK_WAIT} of it; {@code null} otherwise.
     */
    static PoolShare mainPoolOf(Profile profile, Lock lock) {
        if (profile.executors().isEmpty()) {
            return null;
        }
        Map<Long, long[]> waitByPool = new HashMap<>();
        Map<Long, Executor> pools = new HashMap<>();
        long total = 0;
        for (Lock.ThreadWait waiter : lock.waiters()) {
            total += waiter.waitNanos();
            profile.executorOfThread(profile.threadName(waiter.threadId())).ifPresent(pool -> {
                pools.put(pool.id(), pool);
                waitByPool.computeIfAbsent(pool.id(), id -> new long[1])[0] += waiter.waitNanos();
            });
        }
        PoolShare best = null;
        for (Map.Entry<Long, long[]> entry : waitByPool.entrySet()) {
            double share = total == 0 ? 0.0 : (double) entry.getValue()[0] / total;
            if (share >= MIN_POOL_SHARE_OF_LOCK_WAIT && (best == null || share > best.share())) {
                best = new PoolShare(pools.get(entry.getKey()), share);
            }
        }
        return best;
    }

    /** A pool and its workers' share of a lock's wait. */
    record PoolShare(Executor executor, double share) {}

    static String count(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    static String percent(double ratio) {
        return Math.round(ratio * 100) + "%";
    }

    static String oneDecimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private Pools() {}
}
