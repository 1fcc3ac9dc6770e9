// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.detect;

import static contention.analyzer.detect.Pools.percent;

import contention.analyzer.aggregate.Profile;
import contention.analyzer.model.CallSite;
import contention.analyzer.model.Lock;
import contention.analyzer.read.EventNames;
import contention.analyzer.render.Durations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * One lock that runs the threads that use it one at a time over a sustained phase: the JVM's global interpreter
 * lock. Judged per window of about a second from the lock's hold time, its threads' wait for it and their number
 * ({@link LockPhases}), never from counts of contended acquisitions (a releasing thread often takes the lock again
 * at once, and a monitor's spinning waits are not counted at all). Reports the lock, the phase, the threads, the
 * figures behind the verdict, the speedup to expect without the lock, and the known fix for it.
 */
public final class GlobalLockDetector implements Detector {

    // Evidence listed in a finding: the worst sites and the most affected threads.
    static final int MAX_SITES_LISTED = 3;
    static final int MAX_THREADS_LISTED = 20;

    @Override
    public FindingKind kind() {
        return FindingKind.GLOBAL_LOCK;
    }

    @Override
    public Set<String> requiredEvents() {
        // Hold time comes from the agent's statistics only; monitors' waits from JFR.
        return Set.of(EventNames.LOCK_STATS, EventNames.JAVA_MONITOR_ENTER);
    }

    @Override
    public List<Finding> detect(Profile profile) {
        List<Finding> findings = new ArrayList<>();
        int cpus = profile.recording().cpus();
        for (Lock lock : profile.locks()) {
            if (lock.id().isAgentOtherLocks() || isManyBins(profile, lock)) {
                continue; // many locks summed: no one lock serializes anything
            }
            Optional<LockPhase> phase = LockPhases.serializing(lock, cpus);
            phase.ifPresent(p -> findings.add(finding(profile, lock, p, cpus)));
        }
        return findings;
    }

    /** Whether this lock gets a global-lock verdict, which then stands for its hot-lock and saturated-lock ones. */
    static boolean isGlobal(Profile profile, Lock lock) {
        return !lock.id().isAgentOtherLocks()
                && profile.recording().has(EventNames.LOCK_STATS)
                && !isManyBins(profile, lock)
                && LockPhases.serializing(lock, profile.recording().cpus()).isPresent();
    }

    // A map whose bin waits spread over many bins is many locks: their holds overlap, so the map's summed hold can
    // read 100% while each bin is seldom shared (SerialFractionApp 0.95 chm 3s 8: largest bin 2% of the wait, the
    // throughput of the LongAdder control). One key every thread wants makes its bin the lock, near 1.
    static final double MIN_LARGEST_BIN_SHARE = 0.5;

    /** Whether the lock stands for the bins of a map whose waits spread over many of them. */
    static boolean isManyBins(Profile profile, Lock lock) {
        OptionalDouble share = profile.largestBinShare(lock);
        return share.isPresent() && share.getAsDouble() < MIN_LARGEST_BIN_SHARE;
    }

    private static Finding finding(Profile profile, Lock lock, LockPhase phase, int cpus) {
        CallSite worst = lock.worstSite();
        String name = LockAdvice.nameOf(lock.id());
        int usable = cpus > 0 ? Math.min(phase.threads(), cpus) : phase.threads();
        String title = String.format(Locale.ROOT, "%s serializes %d threads for %s%s: about %.1fx the throughput"
                        + " without it", name, phase.threads(), Durations.human(phase.durationNanos()),
                worst == null ? "" : ", most waited at " + worst.frame(), phase.speedup());

        StringBuilder explanation = new StringBuilder(String.format(Locale.ROOT,
                "From %s to %s of the recording the %d threads that use this lock spent %s of their time waiting for"
                        + " it and ran on average %.1f at a time%s; it was held %s of the time, and %s of their"
                        + " work ran inside it (the serial fraction, %s): the lock runs them one at a time, as a"
                        + " global interpreter lock would. Without it they could use %d %s: by"
                        + " Amdahl's law, that share of the work under a lock free %s of the time, about %.1fx"
                        + " the throughput (docs/global-lock.md: how close that came in calibration).",
                Durations.human(phase.startNanos()), Durations.human(phase.startNanos() + phase.durationNanos()),
                phase.threads(), percent(phase.pressure()), phase.parallelism(),
                cpus > 0 ? " on " + cpus + " CPUs" : "", percent(phase.utilization()),
                percent(phase.serialFraction()),
                phase.sampled() ? "from their execution samples" : "estimated from their waits, without samples",
                usable, usable == 1 ? "CPU" : "CPUs",
                percent(1 - phase.utilization()), phase.speedup()));
        Pools.PoolShare pool = Pools.mainPoolOf(profile, lock);
        if (pool != null) {
            explanation.append(String.format(Locale.ROOT, " Workers of pool %s%s did %s of the wait: the pool's"
                    + " threads are serialized with the rest.", Pools.label(pool.executor()),
                    Pools.submittedAt(pool.executor()), percent(pool.share())));
        }

        String advice = LockAdvice.forLock(lock.id(), worst);
        if (lock.usage() != null && lock.usage().fair()) {
            advice += " " + LockAdvice.fairLock(lock.usage().utilization(), profile.waitShare(lock));
        }
        List<String> threads = profile.waiterNames(lock, MAX_THREADS_LISTED);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("utilization", phase.utilization());
        metrics.put("criticalSectionPressure", phase.pressure());
        metrics.put("effectiveParallelism", phase.parallelism());
        metrics.put("serialFraction", phase.serialFraction());
        metrics.put("estimatedSpeedup", phase.speedup());
        metrics.put("threads", (double) phase.threads());
        return new Finding(
                FindingKind.GLOBAL_LOCK,
                Severity.CRITICAL,
                title,
                explanation.toString(),
                advice,
                lock.id(),
                lock.sites().stream().limit(MAX_SITES_LISTED).toList(),
                threads,
                metrics,
                pool == null ? null : pool.executor().ref(),
                new Finding.Phase(phase.startNanos(), phase.durationNanos()));
    }
}
