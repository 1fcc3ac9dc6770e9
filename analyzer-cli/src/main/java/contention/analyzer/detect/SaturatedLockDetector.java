// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.detect;

import static contention.analyzer.detect.Pools.percent;

import contention.analyzer.aggregate.Profile;
import contention.analyzer.model.Lock;
import contention.analyzer.read.EventNames;
import contention.analyzer.render.Durations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A lock held nearly all the time over a sustained phase while few threads wait for it: not a problem yet, but a
 * ceiling; any more work that needs it, or one more thread, queues. A lock whose threads do wait is a hot or a
 * global lock instead ({@link HotLockDetector}, {@link GlobalLockDetector}).
 */
public final class SaturatedLockDetector implements Detector {

    // Not harming anyone yet: the threads that use it hardly wait.
    static final Severity SEVERITY = Severity.INFO;

    @Override
    public FindingKind kind() {
        return FindingKind.SATURATED_LOCK;
    }

    @Override
    public Set<String> requiredEvents() {
        return Set.of(EventNames.LOCK_STATS, EventNames.JAVA_MONITOR_ENTER);
    }

    @Override
    public List<Finding> detect(Profile profile) {
        List<Finding> findings = new ArrayList<>();
        int cpus = profile.recording().cpus();
        for (Lock lock : profile.locks()) {
            if (lock.id().isAgentOtherLocks() || lock.usage() == null) {
                continue;
            }
            Optional<LockPhase> phase = LockPhases.saturated(lock, cpus);
            if (phase.isEmpty() || GlobalLockDetector.isGlobal(profile, lock) || HotLockDetector.isHot(profile, lock)
                    || GlobalLockDetector.isManyBins(profile, lock)) {
                continue;
            }
            findings.add(finding(profile, lock, phase.get()));
        }
        return findings;
    }

    private static Finding finding(Profile profile, Lock lock, LockPhase phase) {
        String name = LockAdvice.nameOf(lock.id());
        String title = String.format(Locale.ROOT, "%s was held %s of the time for %s while few threads waited for it",
                name, percent(phase.utilization()), Durations.human(phase.durationNanos()));
        String explanation = String.format(Locale.ROOT, "From %s to %s of the recording the lock was free only %s of"
                        + " the time; its threads waited %s of their time for it. It has no room for more work: one"
                        + " more thread or a busier moment that needs it will queue behind it.",
                Durations.human(phase.startNanos()), Durations.human(phase.startNanos() + phase.durationNanos()),
                percent(1 - phase.utilization()), percent(phase.pressure()));
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("utilization", phase.utilization());
        metrics.put("criticalSectionPressure", phase.pressure());
        metrics.put("effectiveParallelism", phase.parallelism());
        metrics.put("threads", (double) phase.threads());
        List<String> threads = profile.waiterNames(lock, GlobalLockDetector.MAX_THREADS_LISTED);
        return new Finding(FindingKind.SATURATED_LOCK, SEVERITY, title, explanation,
                LockAdvice.forLock(lock.id(), lock.worstSite()), lock.id(),
                lock.sites().stream().limit(GlobalLockDetector.MAX_SITES_LISTED).toList(), threads, metrics, null,
                new Finding.Phase(phase.startNanos(), phase.durationNanos()));
    }
}
