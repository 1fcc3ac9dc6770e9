// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.recording;

import contention.agent.AgentLog;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Decides, period by period, when one lock has become a global lock that serializes the app, and warns once per
 * episode, as CPython warns when its GIL is re-enabled: {@code contention: WARNING global lock fallback:
 * java.util.concurrent.locks.ReentrantLock com.acme.Ledger.lock serializes 4 threads (created at
 * com.acme.Ledger.<init>(Ledger.java:19))}. The report's {@code global-lock} verdict, made over the whole
 * recording, is the authoritative one; this is the agent's early notice while the app runs.
 *
 * <p>A worked example, the rule for a {@code java.util.concurrent} lock: over a 1 s period 4 threads used the lock,
 * waited 2.85 s for it in all and held it an estimated 0.99 s. Utilization U = 0.99; on average 4 - 2.85 = 1.15
 * of the threads were not waiting for it (the effective parallelism EP), and they spent U / EP = 0.86 of that
 * time holding it (the serial fraction f): at or above {@link #MIN_SERIAL_FRACTION}, the threads run one at a
 * time. The same lock held 0.93 s by 2 threads that never wait for it has EP = 2 and f = 0.47: they take turns
 * without queuing, and removing the lock would gain little. A monitor's waits are JFR's, not the agent's, so
 * for a monitor the agent can only ask whether it was held nearly all the time ({@link #MONITOR_MIN_UTILIZATION}).
 *
 * <p>Assumptions and guarantees: one thread at a time calls it (the lock statistics' periodic task, under
 * {@link LockStatsEmitter}'s monitor); it never blocks and keeps state only for locks that serialized in the last
 * period or warned within {@link #REPEAT_AFTER_NANOS}. The sinks are called on that thread.
 */
final class GlobalLockWatch {

    // At or above this share of the non-waiting time of a lock's threads spent holding it, the lock serializes
    // them. SerialFractionApp 0.95 unfair 4s 4 (4 threads, 2 CPUs, JDK 17) measured 0.72-0.86 per period;
    // SerialFractionApp 0.5 unfair 4s 2, whose lock costs nothing on 2 CPUs, 0.45-0.5.
    static final double MIN_SERIAL_FRACTION = 0.6;

    // When the lock's threads waited for it more than the whole period on average (EP <= 0), f is not defined:
    // then held more than this share of the period counts as serializing.
    static final double MIN_UTILIZATION_WITHOUT_PARALLELISM = 0.3;

    // A monitor (waits unknown to the agent) serializes when held at least this share of the period. An
    // approximation: it cannot tell 2 threads taking turns without waiting (SerialFractionApp 0.5 synchronized 4s
    // 2, held 0.91-1.04 per period) from threads queuing; the report, from JFR's monitor waits, can.
    static final double MONITOR_MIN_UTILIZATION = 0.9;

    // One thread holding a lock all the time serializes nobody.
    static final int MIN_THREADS = 2;

    // Serializing periods in a row that make an episode: one period can be a burst (start-up, a batch).
    static final int MIN_PERIODS = 2;

    // A lock warns again only for an episode that starts at least this long after its previous warning.
    static final long REPEAT_AFTER_NANOS = 5L * 60 * 1_000_000_000L; /* 5 min */

    // Warnings per JVM run; then one line saying the rest are suppressed.
    static final int MAX_WARNINGS = 20;

    // Shorter periods are not judged (neither continue nor end an episode): the last, partial period written when
    // a chunk ends can be a few milliseconds, with too few sampled holds (1 in 64) to estimate utilization. The
    // report skips its windows under 500 ms the same way.
    static final long MIN_PERIOD_NANOS = 500_000_000L; /* 500 ms */

    static final String SUPPRESSED = AgentLog.PREFIX + "further global-lock warnings suppressed";

    private final LongSupplier nanoClock;
    private final Consumer<String> lines;
    private final Consumer<Warning> warnings;
    private final Map<Long, Episode> episodes = new HashMap<>();
    private long period; // index of the period being judged
    private long periodNanos; // its length; 0 while a period too short to judge is under way
    private int warned;
    private boolean suppressed;

    /**
     * @param nanoClock the time in nanoseconds, as {@link System#nanoTime()}
     * @param lines takes each line to print: the warnings and, once, {@link #SUPPRESSED}
     * @param warnings takes each warning to record, with the line printed for it
     */
    GlobalLockWatch(LongSupplier nanoClock, Consumer<String> lines, Consumer<Warning> warnings) {
        this.nanoClock = nanoClock;
        this.lines = lines;
        this.warnings = warnings;
    }

    /** Starts judging a period of {@code periodNanos}: call before {@link #judge} for each lock active in it. */
    void startPeriod(long periodNanos) {
        if (periodNanos < MIN_PERIOD_NANOS) {
            this.periodNanos = 0;
            return;
        }
        this.periodNanos = periodNanos;
        period++;
        long now = nanoClock.getAsLong();
        for (Iterator<Episode> it = episodes.values().iterator(); it.hasNext(); ) {
            Episode e = it.next();
            boolean serializedLastPeriod = e.lastSerializingPeriod == period - 1;
            boolean warnedRecently = e.warned && now - e.lastWarningNanos < REPEAT_AFTER_NANOS;
            if (!serializedLastPeriod && !warnedRecently) {
                it.remove();
            }
        }
    }

    /**
     * Judges one active lock over the current period, and warns when its episode starts now.
     *
     * @param lockClass the lock's class, {@code com.acme.Ids.class} for the monitor of {@code static synchronized}
     *     methods
     * @param field where the lock is kept, {@code com.acme.Ledger.lock}; empty or null when unknown
     * @param allocationSite frames where the lock was created, innermost first, one a line; empty when unknown
     * @param monitor an object's monitor, whose waits the agent does not see ({@code waitNanos} is 0)
     * @param waitNanos time the lock's threads waited for it in the period, all threads together
     * @param holdNanos estimated time it was held in the period
     * @param threads distinct threads that waited for it or were seen acquiring it in the period
     */
    void judge(long lockId, String lockClass, String field, String allocationSite, boolean monitor, long waitNanos,
            long holdNanos, int threads) {
        if (periodNanos == 0 || suppressed) {
            return;
        }
        double utilization = (double) holdNanos / periodNanos;
        double serialFraction = -1; // unknown for a monitor
        boolean serializing;
        if (monitor) {
            serializing = threads >= MIN_THREADS && utilization >= MONITOR_MIN_UTILIZATION;
        } else {
            double effectiveParallelism = threads - (double) waitNanos / periodNanos;
            if (effectiveParallelism > 0) {
                serialFraction = utilization / effectiveParallelism;
                serializing = threads >= MIN_THREADS && serialFraction >= MIN_SERIAL_FRACTION;
            } else {
                serialFraction = 1; // the threads waited for it all the time: nothing ran beside it
                serializing = threads >= MIN_THREADS && utilization > MIN_UTILIZATION_WITHOUT_PARALLELISM;
            }
        }
        if (!serializing) {
            return; // an episode of this lock, if any, ends: its last serializing period is now behind
        }
        Episode episode = episodes.computeIfAbsent(lockId, id -> new Episode());
        episode.periods = episode.lastSerializingPeriod == period - 1 ? episode.periods + 1 : 1;
        episode.lastSerializingPeriod = period;
        if (episode.periods != MIN_PERIODS) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (episode.warned && now - episode.lastWarningNanos < REPEAT_AFTER_NANOS) {
            return;
        }
        if (warned == MAX_WARNINGS) {
            suppressed = true;
            episodes.clear();
            lines.accept(SUPPRESSED);
            return;
        }
        warned++;
        episode.warned = true;
        episode.lastWarningNanos = now;
        String message = AgentLog.PREFIX + "WARNING global lock fallback: " + describe(lockClass, field)
                + " serializes " + threads + " threads (" + site(allocationSite) + ")";
        lines.accept(message);
        warnings.accept(new Warning(lockId, lockClass, field == null ? "" : field,
                allocationSite == null ? "" : allocationSite, threads, utilization, serialFraction, message));
    }

    /** The lock as people name it: {@code static synchronized methods of com.acme.Ids}, or class and field. */
    static String describe(String lockClass, String field) {
        if (lockClass.endsWith(".class")) {
            return "static synchronized methods of " + lockClass.substring(0, lockClass.length() - ".class".length());
        }
        return field == null || field.isEmpty() ? lockClass : lockClass + " " + field;
    }

    /** {@code created at} the innermost allocation frame, or {@code site unknown}. */
    static String site(String allocationSite) {
        if (allocationSite == null || allocationSite.isEmpty()) {
            return "site unknown";
        }
        int newline = allocationSite.indexOf('\n');
        return "created at " + (newline < 0 ? allocationSite : allocationSite.substring(0, newline));
    }

    /** Locks with state kept, for tests of the bound. */
    int trackedLocks() {
        return episodes.size();
    }

    /** A lock's serializing periods in a row, and its last warning. */
    private static final class Episode {
        long lastSerializingPeriod = Long.MIN_VALUE;
        int periods;
        boolean warned;
        long lastWarningNanos;
    }

    /** One warning as printed and as recorded in {@code contention.GlobalLockWarning}. */
    static final class Warning {
        final long lockId;
        final String lockClass;
        final String field;
        final String allocationSite;
        final int threads;
        /** Estimated hold time over the period. */
        final double utilization;
        /** Share of the non-waiting time of the lock's threads spent holding it; -1 for a monitor (unknown). */
        final double serialFraction;
        /** The line, as printed. */
        final String message;

        Warning(long lockId, String lockClass, String field, String allocationSite, int threads, double utilization,
                double serialFraction, String message) {
            this.lockId = lockId;
            this.lockClass = lockClass;
            this.field = field;
            this.allocationSite = allocationSite;
            this.threads = threads;
            this.utilization = utilization;
            this.serialFraction = serialFraction;
            this.message = message;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s (utilization %.2f, serial fraction %.2f)", message, utilization,
                    serialFraction);
        }
    }
}
