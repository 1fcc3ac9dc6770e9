// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.detect;

import contention.analyzer.model.LockWindow;
import java.util.List;

/**
 * One lock over a stretch of consecutive windows, as the threads that use it lived it.
 *
 * <p>With T the stretch's length, W the time threads waited for the lock, H the time it was held, and n the threads
 * that waited for it in each window (weighted by the window's length, {@code nT} below):
 * <ul>
 *   <li>utilization U = H / T: how much of the time the lock was held (IBM JLM's %UTIL);
 *   <li>critical-section pressure P = W / nT: the share of its threads' time spent waiting for it ("Free Lunch",
 *       OOPSLA 2014); a lock that lets one of n threads run at a time puts it at (n - 1) / n;
 *   <li>effective parallelism = (nT - W) / T: how many of those threads were, on average, not waiting for it
 *       (running, ready to run, or waiting for something else);
 *   <li>serial fraction f: the share of those threads' work done inside the lock, which can only run one thread at
 *       a time. Measured as the share of their execution samples taken inside it (JFR samples threads running
 *       Java code: neither a parked waiter nor a monitor's spinning one, nor the time a thread is ready but has no
 *       CPU, dilutes it); without enough samples, estimated as U / effective parallelism, which those do dilute;
 *   <li>estimated speedup without the lock = c f / U, at least 1, with c = min(n, CPUs): the lock lets the work
 *       inside it run U of the time on one thread, so the whole work, of which it is the share f, runs at U / f
 *       threads' worth; without it, on c CPUs (Amdahl's law for throughput with the lock as the serial part).
 * </ul>
 *
 * @param startNanos when the stretch begins, after the recording's start
 * @param durationNanos how long it lasts
 * @param windows how many windows it covers
 * @param threads the most threads that waited for the lock in one of its windows
 * @param waitNanos time threads waited for the lock in it
 * @param utilization see above, 0..1
 * @param pressure critical-section pressure, 0..1
 * @param parallelism effective parallelism, 0 or more
 * @param serialFraction 0..1
 * @param sampled whether the serial fraction was measured from execution samples
 * @param speedup 1 or more
 */
public record LockPhase(long startNanos, long durationNanos, int windows, int threads, long waitNanos,
        double utilization, double pressure, double parallelism, double serialFraction, boolean sampled,
        double speedup) {

    // Fewer samples than this (a sample period of 20 ms gives a few hundred a second) leave the serial fraction to
    // the time-based estimate: 20 samples put a share of 0.5 within about +-0.2.
    static final int MIN_SAMPLES = 20;

    // A floor for the division: a lock held next to never cannot be the bottleneck it would take.
    static final double MIN_UTILIZATION = 0.01;

    /**
     * The stretch made of these windows, for a recording on {@code cpus} hardware threads (0 when unknown: the
     * threads are then assumed to have a CPU each). Windows must know the lock's hold time.
     */
    public static LockPhase of(List<LockWindow> windows, int cpus) {
        long duration = 0;
        long wait = 0;
        long hold = 0;
        long samples = 0;
        long inside = 0;
        double threadNanos = 0;
        int threads = 0;
        for (LockWindow window : windows) {
            duration += window.durationNanos();
            wait += window.waitNanos();
            hold += Math.max(0, window.holdNanos());
            samples += window.samples();
            inside += window.samplesInside();
            threadNanos += (double) window.threads() * window.durationNanos();
            threads = Math.max(threads, window.threads());
        }
        double utilization = duration == 0 ? 0 : Math.min(1.0, (double) hold / duration);
        double pressure = threadNanos == 0 ? 0 : Math.min(1.0, wait / threadNanos);
        double parallelism = duration == 0 ? 0 : Math.max(0.0, (threadNanos - wait) / duration);
        boolean sampled = samples >= MIN_SAMPLES;
        double serialFraction = sampled ? (double) inside / samples
                : parallelism <= 0 ? (utilization > 0 ? 1.0 : 0.0)
                : Math.min(1.0, utilization / parallelism);
        int usable = cpus > 0 ? Math.min(threads, cpus) : threads;
        double speedup = Math.max(1.0, usable * serialFraction / Math.max(utilization, MIN_UTILIZATION));
        return new LockPhase(windows.isEmpty() ? 0 : windows.get(0).startNanos(), duration, windows.size(), threads,
                wait, utilization, pressure, parallelism, serialFraction, sampled, speedup);
    }

    /**
     * The pressure as a share of what a lock that runs its threads one at a time would put on them, (n - 1) / n:
     * 1 when only the holder ever runs; 0 for one thread.
     */
    public double pressureOfSerialized() {
        return threads < 2 ? 0.0 : Math.min(1.0, pressure * threads / (threads - 1));
    }
}
