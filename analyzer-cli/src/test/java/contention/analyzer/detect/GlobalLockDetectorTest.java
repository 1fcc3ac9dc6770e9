// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import contention.analyzer.aggregate.Profile;
import contention.analyzer.model.AgentInfo;
import contention.analyzer.model.CallSite;
import contention.analyzer.model.Lock;
import contention.analyzer.model.LockId;
import contention.analyzer.model.LockWindow;
import contention.analyzer.model.RecordingInfo;
import contention.analyzer.model.ThreadActivity;
import contention.analyzer.read.EventNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The global-lock, saturated-lock and hot-lock verdicts on one lock's timeline, at and around each threshold. */
class GlobalLockDetectorTest {

    private static final long SECOND = 1_000_000_000L;
    private static final int CPUS = 2;
    private static final String LOCK_CLASS = "java.util.concurrent.locks.ReentrantLock";
    private static final String SITE = "com.acme.Ledger.post(Ledger.java:31)";
    private static final LockId LOCK = new LockId(LOCK_CLASS, 7, "com.acme.Ledger.<init>(Ledger.java:12)",
            "com.acme.Ledger.lock");

    /** One window: 1 s, {@code threads} waiting {@code pressure} of their time, held {@code u}, f of 100 samples. */
    private static LockWindow window(int index, int threads, double pressure, double u, double f) {
        return new LockWindow(index * SECOND, SECOND, Math.round(pressure * threads * SECOND), Math.round(u * SECOND),
                threads, 100, Math.round(f * 100));
    }

    private static List<LockWindow> windows(int count, int threads, double pressure, double u, double f) {
        List<LockWindow> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(window(i, threads, pressure, u, f));
        }
        return list;
    }

    private static Profile profile(List<LockWindow> timeline) {
        return profile(timeline, Map.of());
    }

    private static Profile profile(List<LockWindow> timeline, Map<String, Double> largestBinShares) {
        long duration = timeline.size() * SECOND;
        RecordingInfo recording = new RecordingInfo("app.jfr", Instant.parse("2026-01-02T03:04:05Z"), duration,
                "OpenJDK 17", CPUS, new AgentInfo("0.1.0", ""),
                Set.of(EventNames.JAVA_MONITOR_ENTER, EventNames.LOCK_STATS, EventNames.THREAD_START),
                Map.of(), List.of());
        long wait = timeline.stream().mapToLong(LockWindow::waitNanos).sum();
        long hold = timeline.stream().mapToLong(w -> Math.max(0, w.holdNanos())).sum();
        int threads = timeline.stream().mapToInt(LockWindow::threads).max().orElse(0);
        List<ThreadActivity> activities = new ArrayList<>();
        List<Lock.ThreadWait> waiters = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            activities.add(new ThreadActivity(10 + i, "teller-" + (i + 1), false, wait / threads, 0, 0, duration));
            waiters.add(new Lock.ThreadWait(10 + i, wait / threads));
        }
        Lock lock = new Lock(LOCK, wait, 1_000, threads, waiters, List.of(new CallSite(SITE, wait, 1_000,
                List.of("java.util.concurrent.locks.ReentrantLock.lock(ReentrantLock.java:322)", SITE))),
                List.of(LOCK.allocationSite()), new Lock.Usage(10_000, hold, (double) hold / duration, false), timeline);
        return new Profile(recording, List.of(lock), activities, List.of(), List.of(), largestBinShares);
    }

    @Test
    void aMapWhoseBinWaitsSpreadOverManyBinsIsManyLocksOneHotBinIsOne() {
        List<LockWindow> serializing = windows(4, 4, 0.675, 0.9, 0.97);
        double below = GlobalLockDetector.MIN_LARGEST_BIN_SHARE - 0.01;
        assertThat(new GlobalLockDetector().detect(profile(serializing, Map.of(LOCK_CLASS, below)))).isEmpty();
        List<LockWindow> saturated = windows(4, 4, 0.01, 0.99, 0.97);
        assertThat(new SaturatedLockDetector().detect(profile(saturated))).hasSize(1);
        assertThat(new SaturatedLockDetector().detect(profile(saturated, Map.of(LOCK_CLASS, below)))).isEmpty();
        assertThat(new GlobalLockDetector().detect(profile(serializing,
                Map.of(LOCK_CLASS, GlobalLockDetector.MIN_LARGEST_BIN_SHARE)))).hasSize(1);
        assertThat(new GlobalLockDetector().detect(profile(serializing, Map.of("java.util.Hashtable", 0.01))))
                .as("another class's bins").hasSize(1);
    }

    @Test
    void aLockThatRunsItsThreadsOneAtATimeIsAGlobalLockWithItsFiguresAndPhase() {
        Profile profile = profile(windows(4, 4, 0.675, 0.9, 0.97));

        List<Finding> findings = new GlobalLockDetector().detect(profile);

        assertThat(findings).hasSize(1);
        Finding finding = findings.get(0);
        assertThat(finding.kind()).isEqualTo(FindingKind.GLOBAL_LOCK);
        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(finding.lock()).isEqualTo(LOCK);
        assertThat(finding.title()).contains(LOCK_CLASS, "com.acme.Ledger.lock", "serializes 4 threads", SITE,
                "about 2.2x");
        assertThat(finding.metrics().get("utilization")).isCloseTo(0.9, within(1e-9));
        assertThat(finding.metrics().get("criticalSectionPressure")).isCloseTo(0.675, within(1e-9));
        assertThat(finding.metrics().get("effectiveParallelism")).isCloseTo(4 - 2.7, within(1e-9));
        assertThat(finding.metrics().get("serialFraction")).isCloseTo(0.97, within(1e-9));
        // c f / U with c = min(4 threads, 2 CPUs).
        assertThat(finding.metrics().get("estimatedSpeedup")).isCloseTo(2 * 0.97 / 0.9, within(1e-9));
        assertThat(finding.phase()).isEqualTo(new Finding.Phase(0, 4 * SECOND));
        assertThat(finding.threads()).containsExactly("teller-1", "teller-2", "teller-3", "teller-4");
        assertThat(finding.advice()).contains("ReentrantLock", "com.acme.Ledger.lock");
        // One verdict per lock: the hot-lock and saturated-lock detectors leave it to this one.
        assertThat(new HotLockDetector().detect(profile)).isEmpty();
        assertThat(new SaturatedLockDetector().detect(profile)).isEmpty();
    }

    @Test
    void serialFractionAtThePhaseThresholdIsGlobalJustBelowIsNot() {
        double at = LockPhases.MIN_SERIAL_FRACTION;
        assertThat(new GlobalLockDetector().detect(profile(windows(3, 4, 0.675, 0.9, at)))).hasSize(1);
        Profile below = profile(windows(3, 4, 0.675, 0.9, at - 0.01));
        assertThat(new GlobalLockDetector().detect(below)).isEmpty();
        assertThat(new HotLockDetector().detect(below)).hasSize(1);
    }

    @Test
    void threadsThatSeldomMeetAreNotSerializedHoweverSerialTheirWork() {
        double normalized = LockPhases.MIN_PRESSURE_OF_SERIALIZED - 0.05;
        double pressure = normalized * 3 / 4; // (n - 1) / n for 4 threads
        assertThat(new GlobalLockDetector().detect(profile(windows(4, 4, pressure, 0.9, 0.97)))).isEmpty();
    }

    @Test
    void oneBusySecondIsNotAPhase() {
        List<LockWindow> timeline = new ArrayList<>(windows(4, 4, 0.05, 0.2, 0.3));
        timeline.set(1, window(1, 4, 0.675, 0.9, 0.97));
        assertThat(new GlobalLockDetector().detect(profile(timeline))).isEmpty();

        timeline.set(2, window(2, 4, 0.675, 0.9, 0.97));
        List<Finding> twoSeconds = new GlobalLockDetector().detect(profile(timeline));
        assertThat(twoSeconds).hasSize(1);
        assertThat(twoSeconds.get(0).phase()).isEqualTo(new Finding.Phase(SECOND, 2 * SECOND));
    }

    @Test
    void aWindowWithFewSamplesLeavesItsSerialFractionToThePhase() {
        // Threads blocked on a monitor are not sampled: a serialized second can have a dozen samples. Here the
        // time-based estimate (U / effective parallelism = 0.7 / 1.7) would say "not serial" for each window.
        List<LockWindow> timeline = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            timeline.add(new LockWindow(i * SECOND, SECOND, Math.round(0.7875 * 8 * SECOND), Math.round(0.7 * SECOND),
                    8, LockPhases.MIN_WINDOW_SAMPLES - 1, LockPhases.MIN_WINDOW_SAMPLES - 1));
        }
        List<Finding> findings = new GlobalLockDetector().detect(profile(timeline));
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).metrics().get("serialFraction")).isEqualTo(1.0);

        List<LockWindow> tooFew = new ArrayList<>();
        for (LockWindow w : timeline) {
            tooFew.add(new LockWindow(w.startNanos(), w.durationNanos(), w.waitNanos(), w.holdNanos(), w.threads(), 6,
                    0));
        }
        assertThat(new GlobalLockDetector().detect(profile(tooFew))).isEmpty();
    }

    @Test
    void aLockMostlyFreeIsNoGlobalLockWhateverItsSerialFraction() {
        double u = LockPhases.MIN_UTILIZATION - 0.05; // a fair lock's convoy, or a serial fraction overestimated
        assertThat(new GlobalLockDetector().detect(profile(windows(4, 8, 0.9, u, 1.0)))).isEmpty();
        assertThat(new GlobalLockDetector().detect(profile(windows(4, 8, 0.9, LockPhases.MIN_UTILIZATION, 1.0))))
                .hasSize(1);
    }

    @Test
    void aSecondWithoutTheLockBetweenTwoBusyOnesBreaksThePhase() {
        List<LockWindow> gap = List.of(window(0, 4, 0.675, 0.9, 0.97), window(2, 4, 0.675, 0.9, 0.97));
        assertThat(new GlobalLockDetector().detect(profile(gap))).isEmpty();
    }

    @Test
    void oneThreadIsNeverSerialized() {
        assertThat(new GlobalLockDetector().detect(profile(windows(4, 1, 0.0, 1.0, 1.0)))).isEmpty();
    }

    @Test
    void withoutExecutionSamplesTheSerialFractionIsTheConservativeTimeEstimate() {
        List<LockWindow> unsampled = new ArrayList<>();
        for (LockWindow w : windows(4, 4, 0.675, 0.9, 0.97)) {
            unsampled.add(new LockWindow(w.startNanos(), w.durationNanos(), w.waitNanos(), w.holdNanos(), w.threads()));
        }
        LockPhase phase = LockPhase.of(unsampled, CPUS);
        assertThat(phase.sampled()).isFalse();
        assertThat(phase.serialFraction()).isCloseTo(0.9 / 1.3, within(1e-9)); // U / effective parallelism
        assertThat(new GlobalLockDetector().detect(profile(unsampled))).isEmpty();
    }

    @Test
    void aLockHeldNearlyAllTheTimeThatFewWaitForIsSaturated() {
        Profile profile = profile(windows(3, 2, 0.01, LockPhases.SATURATED_UTILIZATION, 0.5));
        List<Finding> findings = new SaturatedLockDetector().detect(profile);
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).kind()).isEqualTo(FindingKind.SATURATED_LOCK);
        assertThat(findings.get(0).title()).contains(LOCK_CLASS, "held 90% of the time");
        assertThat(new GlobalLockDetector().detect(profile)).isEmpty();

        Profile lessBusy = profile(windows(3, 2, 0.01, LockPhases.SATURATED_UTILIZATION - 0.01, 0.5));
        assertThat(new SaturatedLockDetector().detect(lessBusy)).isEmpty();
    }

    @Test
    void theSpeedupIsBoundedByTheThreadsWhenTheCpusAreUnknownAndNeverBelowOne() {
        LockPhase unknownCpus = LockPhase.of(windows(2, 3, 0.6, 0.5, 1.0), 0);
        assertThat(unknownCpus.speedup()).isCloseTo(3 * 1.0 / 0.5, within(1e-9));
        LockPhase idle = LockPhase.of(windows(2, 3, 0.0, 0.9, 0.1), CPUS);
        assertThat(idle.speedup()).isEqualTo(1.0);
    }
}
