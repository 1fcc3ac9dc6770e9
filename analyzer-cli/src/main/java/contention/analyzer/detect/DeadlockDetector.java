// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.detect;

import contention.analyzer.aggregate.Profile;
import contention.analyzer.model.CallSite;
import contention.analyzer.model.Deadlock;
import contention.analyzer.model.LockId;
import contention.analyzer.read.EventNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deadlocks the agent found while the app ran ({@code contention.Deadlock}): threads that each wait for a lock the
 * next one holds. A finding per cycle, critical: those threads never run again, and whatever waits for their locks
 * joins them. JFR has no deadlock event of its own, so a recording without the agent's check is "not checked".
 *
 * <p>Worked example: {@code transfer-1} holds account A's monitor and waits for B's at
 * {@code Transfers.transfer(Transfers.java:84)} while {@code transfer-2} holds B's and waits for A's at line 83;
 * the finding names both threads, both locks and both sites, and how long they had been stuck when the recording
 * ended.
 */
public final class DeadlockDetector implements Detector {

    static final Severity SEVERITY = Severity.CRITICAL;

    @Override
    public FindingKind kind() {
        return FindingKind.DEADLOCK;
    }

    @Override
    public Set<String> requiredEvents() {
        return Set.of(EventNames.DEADLOCK_CHECK);
    }

    @Override
    public List<Finding> detect(Profile profile) {
        long endEpochNanos = profile.recording().startTime().getEpochSecond() * 1_000_000_000L
                + profile.recording().startTime().getNano() + profile.recording().durationNanos();
        List<Finding> findings = new ArrayList<>();
        for (Deadlock deadlock : profile.deadlocks()) {
            findings.add(finding(deadlock, Math.max(0, endEpochNanos - deadlock.foundEpochNanos())));
        }
        return findings;
    }

    private static Finding finding(Deadlock deadlock, long stuckNanos) {
        List<String> threads = new ArrayList<>();
        List<CallSite> sites = new ArrayList<>();
        Set<String> lockClasses = new LinkedHashSet<>();
        StringBuilder cycle = new StringBuilder();
        for (Deadlock.DeadlockedThread thread : deadlock.threads()) {
            threads.add(thread.name());
            sites.add(new CallSite(thread.site(), stuckNanos, 1, thread.stack()));
            lockClasses.add(lockClass(thread.lockClass()));
            if (cycle.length() > 0) {
                cycle.append("; ");
            }
            cycle.append('"').append(thread.name()).append("\" waits for ").append(thread.lock()).append(" at ")
                    .append(thread.site());
            if (!thread.held().isEmpty()) {
                cycle.append(" holding ").append(String.join(", ", thread.held()));
            }
        }
        String lockClass = lockClasses.iterator().next();
        List<String> frames = sites.stream().map(CallSite::frame).distinct().toList();
        String title = names(threads) + " are deadlocked: each waits for a " + String.join(" or ", lockClasses)
                + " the other holds, at " + String.join(" and ", frames) + "; they will never run again";
        String explanation = "Each of these threads holds a lock the next one waits for, the last one's held by the"
                + " first: " + cycle + ". Nothing wakes them: they stay stuck, with their locks, until the JVM"
                + " exits, and every thread that needs one of those locks joins them.";
        String advice = "Take the locks in one global order everywhere (for example by account id: lock the lower"
                + " id first, whatever the direction of the transfer), or take the second with tryLock and a timeout"
                + " and back off, releasing the first; one lock for both is simplest where contention allows. The"
                + " sites: " + String.join(", ", frames) + ".";
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("threads", (double) threads.size());
        metrics.put("stuckMs", stuckNanos / 1e6);
        return new Finding(FindingKind.DEADLOCK, SEVERITY, title, explanation, advice, LockId.ofClass(lockClass),
                sites, threads, metrics);
    }

    // ReentrantLock$NonfairSync → ReentrantLock: the class the app created, not its queue's.
    static String lockClass(String className) {
        int inner = className.indexOf("$");
        String outer = inner > 0 ? className.substring(0, inner) : className;
        return className.startsWith("java.util.concurrent.locks.") && className.endsWith("Sync") ? outer : className;
    }

    private static String names(List<String> threads) {
        if (threads.size() == 2) {
            return threads.get(0) + " and " + threads.get(1);
        }
        return String.join(", ", threads.subList(0, threads.size() - 1)) + " and " + threads.get(threads.size() - 1);
    }
}
