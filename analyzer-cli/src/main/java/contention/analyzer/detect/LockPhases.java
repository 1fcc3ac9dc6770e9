// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.detect;

import contention.analyzer.model.Lock;
import contention.analyzer.model.LockWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The verdicts on one lock that need its timeline: whether it serialized the threads that use it over a sustained
 * phase (global lock), or was held nearly all the time (saturated). Shared by the lock detectors so that a lock gets
 * one verdict: global lock first, then hot lock, then saturated lock.
 *
 * <p>Thresholds were set on the calibration app ({@code contention.samples.calibration.SerialFractionApp}: a share f
 * of each operation under one lock, f 0.05, 0.5 and 0.95, synchronized and unfair and fair ReentrantLock, 2, 4 and 8
 * threads, 2 CPUs); the runs and their figures are in docs/global-lock.md.
 */
public final class LockPhases {

    /*
     * Windows shorter than this (the recording's first and last, cut) say too little to judge on their own: a
     * handful of handovers. The calibration runs' windows hold hundreds to tens of thousands of acquisitions.
     */
    public static final long MIN_WINDOW_NANOS = 500_000_000L /* 500 ms */;

    // One thread cannot be serialized; it is the saturated-lock verdict's case.
    static final int MIN_THREADS = 2;

    /*
     * The serial fraction (the share of the lock's threads' execution samples taken inside it, LockPhase) a window
     * needs to be part of a serialized phase, and the phase as a whole. Calibration (exploratory runs at 20:28 UTC,
     * per window of 16 to 100 samples): f = 0.95 measured 0.91 to 1.00; f = 0.5 0.20 to 0.75; f = 0.05 at most
     * 0.15; over a phase the f = 0.5 runs stayed below 0.7, the f = 0.95 ones above 0.95. The 21:03 full run in
     * docs/global-lock.md: windows 0.92 to 1.00, 0.38 to 0.72 and at most 0.18.
     */
    static final double MIN_WINDOW_SERIAL_FRACTION = 0.7;
    static final double MIN_SERIAL_FRACTION = 0.8;

    /*
     * And its threads must queue for it: their critical-section pressure at least this share of what a lock
     * running them one at a time puts on them, (n - 1) / n. Otherwise the work is serial but the threads seldom
     * meet (each works alone most of the time). Calibration: f = 0.95 measured 0.75 to 1.0 per window; the
     * f = 0.5 synchronized runs on 2 threads, whose waits are spins JFR does not record, 0.01 to 0.03.
     */
    static final double MIN_PRESSURE_OF_SERIALIZED = 0.4;
    static final double MIN_WINDOW_PRESSURE_OF_SERIALIZED = 0.3;

    /*
     * And it must be held for much of the time: most of the threads' work inside a lock that is mostly free is a
     * contradiction, which a serial fraction overestimated (the method that takes the lock counts whole) or a fair
     * lock's convoy would produce, and c f / U would then promise tens of times the throughput. Calibration: f = 0.95
     * held 73% to 95% over a phase; the offender samples 66% (the request log) to 95%.
     */
    static final double MIN_UTILIZATION = 0.5;

    // Sustained: at least two consecutive windows (about two seconds), so that one busy moment is not a verdict.
    static final int MIN_PHASE_WINDOWS = 2;

    /*
     * Saturated: held at least this share of each of two consecutive windows. At 90% a lock has no room for more
     * work whoever uses it; the calibration's f = 0.5 synchronized runs on 2 and 4 threads were held 90% to 100%.
     */
    static final double SATURATED_UTILIZATION = 0.9;

    /**
     * The longest phase in which this lock serialized the threads that use it, if any; empty also when the agent
     * did not time the lock's holds.
     */
    public static Optional<LockPhase> serializing(Lock lock, int cpus) {
        LockPhase best = null;
        for (List<LockWindow> run : runs(lock, window -> serializes(window))) {
            LockPhase phase = LockPhase.of(run, cpus);
            if (isSerialized(phase) && (best == null || longer(phase, best))) {
                best = phase;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The longest phase in which this lock was held nearly all the time, if any. */
    public static Optional<LockPhase> saturated(Lock lock, int cpus) {
        LockPhase best = null;
        for (List<LockWindow> run : runs(lock,
                window -> (double) window.holdNanos() / window.durationNanos() >= SATURATED_UTILIZATION)) {
            LockPhase phase = LockPhase.of(run, cpus);
            if (best == null || longer(phase, best)) {
                best = phase;
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean longer(LockPhase a, LockPhase b) {
        return a.durationNanos() > b.durationNanos()
                || (a.durationNanos() == b.durationNanos() && a.waitNanos() > b.waitNanos());
    }

    // The verdict on a whole phase: most of its threads' work under the lock, and the threads queueing for it.
    static boolean isSerialized(LockPhase phase) {
        return phase.threads() >= MIN_THREADS
                && phase.serialFraction() >= MIN_SERIAL_FRACTION
                && phase.pressureOfSerialized() >= MIN_PRESSURE_OF_SERIALIZED
                && phase.utilization() >= MIN_UTILIZATION;
    }

    /*
     * Whether one window may be part of a serialized phase: the same tests at lower marks. A window with fewer
     * samples than this (none included) is judged on its pressure alone and leaves its serial fraction to the
     * phase's pooled samples, or to the time-based estimate without them (threads blocked on a monitor are not
     * sampled, so a serialized window can have only a dozen: the logging sample's had 11 to 26).
     */
    static final int MIN_WINDOW_SAMPLES = 10;

    static boolean serializes(LockWindow window) {
        if (window.threads() < MIN_THREADS) {
            return false;
        }
        LockPhase one = LockPhase.of(List.of(window), 0);
        boolean serial = window.samples() < MIN_WINDOW_SAMPLES
                || (double) window.samplesInside() / window.samples() >= MIN_WINDOW_SERIAL_FRACTION;
        return serial && one.pressureOfSerialized() >= MIN_WINDOW_PRESSURE_OF_SERIALIZED;
    }

    private interface WindowTest {
        boolean test(LockWindow window);
    }

    // Maximal runs of at least MIN_PHASE_WINDOWS consecutive judged windows that pass the test; windows too short
    // to judge (the recording's cut ends) neither join nor break a run.
    private static List<List<LockWindow>> runs(Lock lock, WindowTest test) {
        List<List<LockWindow>> runs = new ArrayList<>();
        List<LockWindow> current = new ArrayList<>();
        long expectedStart = Long.MIN_VALUE;
        for (LockWindow window : lock.timeline()) {
            if (!window.holdKnown() || window.durationNanos() < MIN_WINDOW_NANOS) {
                continue;
            }
            // Windows are listed only for seconds in which the lock was used: a gap between two ends a run.
            boolean adjacent = window.startNanos() == expectedStart;
            expectedStart = window.startNanos() + window.durationNanos();
            boolean passes = test.test(window);
            if (adjacent && passes) {
                current.add(window);
                continue;
            }
            if (current.size() >= MIN_PHASE_WINDOWS) {
                runs.add(current);
            }
            current = new ArrayList<>();
            if (passes) {
                current.add(window);
            }
        }
        if (current.size() >= MIN_PHASE_WINDOWS) {
            runs.add(current);
        }
        return runs;
    }

    private LockPhases() {}
}
