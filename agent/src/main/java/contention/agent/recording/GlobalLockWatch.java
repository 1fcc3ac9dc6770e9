// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.recording;

import contention.agent.AgentLog;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongFunction;
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
 * without queuing, and removing the lock would gain little. The agent does not time a monitor's waits; it estimates
 * them by sampling the states of a busy monitor's threads ({@link MonitorWaitSampler}) and then applies the same
 * rule. Without that estimate (the first period a monitor is busy, or no sampler) it can only ask whether the
 * monitor was held nearly all the time ({@link #MONITOR_MIN_UTILIZATION}).
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

    // Waits estimated from sampled thread states (a monitor) are judged by how many of its threads wait, not by f:
    // serializing when, on average, at least this share of the n - 1 threads a fully serialized lock keeps waiting
    // were found blocked on it while it was held at least MIN_SAMPLED_UTILIZATION of the period. Why not f: a
    // monitor wakes one waiter at each release, which stays runnable and not blocked while it retries, so U / EP
    // read 0.35-0.6 for the 8-thread samples that serialize (f from execution samples, in the report, 0.9 and
    // more); and the look itself inflates the waits: on a machine whose CPUs the app's threads fill, JFR's periodic
    // thread, waking for a look, preempts one of them, and when that is the holder another is found blocked.
    // Measured (JDK 17, 2 CPUs, per period): SerialFractionApp 0.95 synchronized 4 and 2 threads 0.84-0.98, the
    // static synchronized, synchronizedMap, audit-log and JUL samples (8 threads) 0.75-0.99; SerialFractionApp 0.5
    // synchronized with 2 threads 0.36-0.63 (JFR timed 2% of their time waiting), 4 threads 0.38-0.44, the
    // StringBuffer trace sample 0.26-0.37.
    static final double MIN_SAMPLED_PRESSURE_OF_SERIALIZED = 0.7;

    // A global lock is busy: below this utilization sampled waits are not judged (the report asks the same).
    static final double MIN_SAMPLED_UTILIZATION = 0.5;

    // A lock whose waits are unknown (a monitor not sampled) serializes when held at least this share of the period. An
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
    private final LongFunction<String> waitingSites;
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
        this(nanoClock, lines, warnings, lockId -> "");
    }

    /**
     * @param waitingSites where threads wait for a lock, by lock id ({@code MonitorWaitSampler#waitingSite}), or
     *     empty: named in a warning about a lock whose allocation site is unknown; asked only to warn
     */
    GlobalLockWatch(LongSupplier nanoClock, Consumer<String> lines, Consumer<Warning> warnings,
            LongFunction<String> waitingSites) {
        this.nanoClock = nanoClock;
        this.lines = lines;
        this.warnings = warnings;
        this.waitingSites = waitingSites;
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
     * @param waits how {@code waitNanos} was found
     * @param waitNanos time the lock's threads waited for it in the period, all threads together
     * @param holdNanos estimated time it was held in the period
     * @param threads distinct threads that waited for it or were seen acquiring it in the period
     */
    void judge(long lockId, String lockClass, String field, String allocationSite, Waits waits, long waitNanos,
            long holdNanos, int threads) {
        if (periodNanos == 0 || suppressed) {
            return;
        }
        double utilization = (double) holdNanos / periodNanos;
        double serialFraction = -1; // unknown without the waits
        boolean serializing;
        if (waits == Waits.UNKNOWN) {
            serializing = threads >= MIN_THREADS && utilization >= MONITOR_MIN_UTILIZATION;
        } else if (waits == Waits.SAMPLED) {
            double waiting = (double) waitNanos / periodNanos; // threads blocked on it, on average
            serializing = threads >= MIN_THREADS && utilization >= MIN_SAMPLED_UTILIZATION
                    && waiting / (threads - 1) >= MIN_SAMPLED_PRESSURE_OF_SERIALIZED;
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
                + " serializes " + threads + " threads (" + site(allocationSite, lockId) + ")";
        lines.accept(message);
        publish(message);
        warnings.accept(new Warning(lockId, lockClass, field == null ? "" : field,
                allocationSite == null ? "" : allocationSite, threads, utilization, serialFraction, message));
    }

    /**
     * The warnings of this run, newest last, in the system property {@link #WARNINGS_PROPERTY}: how
     * {@code contention top} shows them whenever it starts, over the Attach API or JMX.
     */
    private static synchronized void publish(String message) {
        String known = System.getProperty(WARNINGS_PROPERTY, "");
        System.setProperty(WARNINGS_PROPERTY, known.isEmpty() ? message : known + "\n" + message);
    }

    /** Where {@link #publish} puts the warnings; at most {@code MAX_WARNINGS} lines. */
    public static final String WARNINGS_PROPERTY = "contention.globalLockWarnings";

    /** The lock as people name it: {@code static synchronized methods of com.acme.Ids}, or class and field. */
    static String describe(String lockClass, String field) {
        if (lockClass.endsWith(".class")) {
            return "static synchronized methods of " + lockClass.substring(0, lockClass.length() - ".class".length());
        }
        return field == null || field.isEmpty() ? lockClass : lockClass + " " + field;
    }

    // The allocation site, else where its threads wait, else "site unknown".
    private String site(String allocationSite, long lockId) {
        if (allocationSite == null || allocationSite.isEmpty()) {
            String waiting = waitingSites.apply(lockId);
            if (waiting != null && !waiting.isEmpty()) {
                return "threads wait at " + waiting;
            }
        }
        return site(allocationSite);
    }

    /** {@code created at} the innermost allocation frame, or {@code site unknown}. */
    static String site(String allocationSite) {
        if (allocationSite == null || allocationSite.isEmpty()) {
            return "site unknown";
        }
        int newline = allocationSite.indexOf('\n');
        return "created at " + (newline < 0 ? allocationSite : allocationSite.substring(0, newline));
    }

    /** How a period's wait of a lock was found. */
    enum Waits {
        /** Timed by the agent at each contended acquisition ({@code java.util.concurrent} locks). */
        MEASURED,
        /** Estimated from sampled thread states ({@link MonitorWaitSampler}, monitors). */
        SAMPLED,
        /** Not known: a monitor whose threads were not sampled; judged by its hold alone. */
        UNKNOWN
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
        /** Share of the non-waiting time of the lock's threads spent holding it; -1 when not estimated (waits unknown or sampled). */
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
