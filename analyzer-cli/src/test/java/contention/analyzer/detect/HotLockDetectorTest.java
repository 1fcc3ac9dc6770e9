// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import contention.analyzer.aggregate.Profile;
import contention.analyzer.model.CallSite;
import contention.analyzer.model.Executor;
import contention.analyzer.model.Lock;
import contention.analyzer.model.LockId;
import contention.analyzer.model.RecordingInfo;
import contention.analyzer.read.EventNames;
import contention.analyzer.testing.PoolBuilder;
import contention.analyzer.testing.Profiles;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The hot-lock verdict at, just below and just above each threshold, and what the finding says. */
class HotLockDetectorTest {

    private static final long SECOND = 1_000_000_000L;
    private static final int THREADS = 4;
    private final HotLockDetector detector = new HotLockDetector();

    // Long lives, so the absolute floor is far below the wait: only the share decides.
    private static final long ALIVE_FOR_SHARE = 10 * SECOND;

    @Test
    void waitShareAtTheThresholdIsHot() {
        assertThat(detector.detect(shareProfile(waitAtShare(0)))).hasSize(1);
    }

    @Test
    void waitShareJustBelowTheThresholdIsNot() {
        assertThat(detector.detect(shareProfile(waitAtShare(-1)))).isEmpty();
    }

    @Test
    void waitShareJustAboveTheThresholdIsHot() {
        assertThat(detector.detect(shareProfile(waitAtShare(+1)))).hasSize(1);
    }

    @Test
    void waitAtTheAbsoluteFloorIsHot() {
        assertThat(detector.detect(floorProfile(HotLockDetector.MIN_WAIT_NANOS))).hasSize(1);
    }

    @Test
    void waitJustBelowTheAbsoluteFloorIsNotHotWhateverItsShare() {
        assertThat(detector.detect(floorProfile(HotLockDetector.MIN_WAIT_NANOS - 1))).isEmpty();
    }

    @Test
    void waitJustAboveTheAbsoluteFloorIsHot() {
        assertThat(detector.detect(floorProfile(HotLockDetector.MIN_WAIT_NANOS + 1))).hasSize(1);
    }

    @Test
    void findingNamesLockClassShareAndWorstSite() {
        // 4 threads alive 10 s each, 16.4 s of wait: 41%.
        Profile profile = Profiles.lockProfile(16_400_000_000L, THREADS, ALIVE_FOR_SHARE);

        Finding finding = detector.detect(profile).get(0);

        assertThat(finding.kind()).isEqualTo(FindingKind.HOT_LOCK);
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.title()).isEqualTo("4 threads spent 41% of their time waiting for"
                + " java.util.Collections$SynchronizedMap, most at com.acme.LruCache.get(LruCache.java:31)");
        assertThat(finding.explanation()).contains("400 times").contains("41%")
                .contains("com.acme.LruCache.get(LruCache.java:31) accounts for 100% of that wait");
        assertThat(finding.advice()).contains("ConcurrentHashMap").contains("Caffeine");
        assertThat(finding.lock().className()).isEqualTo(Profiles.MAP_CLASS);
        assertThat(finding.sites()).singleElement().satisfies(site -> assertThat(site.frame()).isEqualTo(Profiles.MAP_SITE));
        assertThat(finding.threads()).containsExactly("pool-1-thread-1", "pool-1-thread-2", "pool-1-thread-3",
                "pool-1-thread-4");
        assertThat(finding.metrics()).containsKeys("waitShare", "waitingThreads");
        assertThat(finding.metrics().get("waitShare")).isEqualTo(0.41, offset(1e-9));
    }

    @Test
    void agentLockFindingNamesAllocationSiteAndCarriesUtilization() {
        // 8 threads alive 3 s each, 20.4 s of wait: 85%, as the LRU sample measured; held 1.2 s of 3 s.
        Profile profile = Profiles.agentLockProfile(20_400_000_000L, 8, 3 * SECOND, 1_200_000_000L);

        List<Finding> findings = detector.detect(profile);

        assertThat(findings).as("the [other locks] bucket is never a finding").singleElement();
        Finding finding = findings.get(0);
        assertThat(finding.title()).isEqualTo("8 threads spent 85% of their time waiting for"
                + " java.util.concurrent.locks.ReentrantLock created at com.acme.Ledger.<init>(Ledger.java:14),"
                + " most at com.acme.Ledger.transfer(Ledger.java:23)");
        assertThat(finding.lock().allocationSite()).isEqualTo(Profiles.LEDGER_ALLOCATION.get(0));
        assertThat(finding.lock().key()).isEqualTo(Profiles.LEDGER_CLASS + "@" + Profiles.LEDGER_ID);
        assertThat(finding.metrics()).containsKeys("waitShare", "waitingThreads", "utilization");
        assertThat(finding.metrics().get("utilization")).isEqualTo(0.4, offset(1e-9));
        assertThat(finding.explanation()).contains("held 40% of the recording");
        assertThat(finding.advice()).startsWith("Shorten the critical section of the ReentrantLock created at"
                + " com.acme.Ledger.<init>(Ledger.java:14) and waited for at com.acme.Ledger.transfer(Ledger.java:23)");
        assertThat(finding.severity()).isEqualTo(HotLockDetector.SEVERITY);
    }

    @Test
    void adviceNamesTheLockAndItsWorstSite() {
        Finding finding = detector.detect(Profiles.lockProfile(16_400_000_000L, THREADS, ALIVE_FOR_SHARE)).get(0);

        assertThat(finding.advice()).startsWith(
                "Replace the Collections.synchronizedMap at com.acme.LruCache.get(LruCache.java:31) with");
    }

    @Test
    void waitingThreadsTheAgentCountedButNeverSampledLowerTheShare() {
        Profile sampled = Profiles.agentLockProfile(2 * SECOND, 2, 10 * SECOND, SECOND);
        Lock seen = sampled.locks().get(0);
        // Two more threads waited (the agent's statistics say 4), but none of their waits left an event.
        Lock withUnseen = new Lock(seen.id(), seen.waitNanos(), seen.waitCount(), 4, seen.waiters(), seen.sites(),
                seen.allocationStack(), seen.usage());
        Profile profile = new Profile(sampled.recording(), List.of(withUnseen), sampled.threads(), sampled.waitStacks());

        assertThat(sampled.waitShare(seen)).isEqualTo(0.10, offset(1e-9));
        assertThat(profile.waitShare(withUnseen)).isEqualTo(0.05, offset(1e-9));
        assertThat(detector.detect(sampled)).hasSize(1);
        assertThat(detector.detect(profile)).isEmpty();
    }

    @Test
    void aLockThatHoldsAPoolsWorkersNamesThePool() {
        Profile hot = Profiles.lockProfile(16_400_000_000L, THREADS, ALIVE_FOR_SHARE);
        Executor pool = PoolBuilder.resize().name("pool-1").build();
        Executor unrelated = PoolBuilder.resize().id(2).name("pool-10").build();
        Profile profile = new Profile(hot.recording(), hot.locks(), hot.threads(), hot.waitStacks(),
                List.of(pool, unrelated));

        Finding finding = detector.detect(profile).get(0);

        assertThat(finding.pool()).isEqualTo(pool.ref());
        assertThat(finding.explanation()).contains("Workers of pool pool-1 (ThreadPoolExecutor, 4 threads), submitted"
                + " at " + PoolBuilder.SUBMIT_SITE + " did 100% of that wait");
        assertThat(detector.detect(hot).get(0).pool()).isNull();
    }

    @Test
    void oneThreadIsSingular() {
        Profile profile = Profiles.lockProfile(5 * SECOND, 1, ALIVE_FOR_SHARE);

        assertThat(detector.detect(profile).get(0).title()).startsWith("1 thread spent 50% of their time");
    }

    @Test
    void withoutMonitorEventsTheKindIsNotCheckedRatherThanClean() {
        Profile hot = Profiles.lockProfile(5 * SECOND, THREADS, ALIVE_FOR_SHARE);
        RecordingInfo recording = hot.recording();
        RecordingInfo withoutMonitors = new RecordingInfo(recording.source(), recording.startTime(),
                recording.durationNanos(), recording.jvm(), recording.cpus(), null, Set.of(EventNames.THREAD_PARK),
                recording.thresholdsNanos(), recording.warnings());
        Profile profile = new Profile(withoutMonitors, hot.locks(), hot.threads(), hot.waitStacks());

        Analysis analysis = Detectors.analyze(profile, List.of(detector));

        assertThat(analysis.findings()).isEmpty();
        assertThat(analysis.notChecked()).containsExactly(
                new NotChecked(FindingKind.HOT_LOCK, List.of(EventNames.JAVA_MONITOR_ENTER)));
    }

    @Test
    void everyKindPrintsAsTheContractNamesIt() {
        assertThat(FindingKind.HOT_LOCK).hasToString("hot-lock");
        assertThat(FindingKind.EXECUTOR_STARVATION.label()).isEqualTo("executor-starvation");
        assertThat(Severity.WARNING).hasToString("warning");
        assertThat(FindingKind.values()).extracting(FindingKind::label).containsExactly("global-lock", "hot-lock",
                "saturated-lock", "false-sharing", "executor-saturation", "executor-starvation", "deadlock", "pinning");
        assertThat(Severity.values()).extracting(Severity::label).containsExactly("critical", "warning", "info");
    }

    @Test
    void adviceCatalog() {
        assertThat(LockAdvice.forLockClass("java.util.Hashtable")).contains("ConcurrentHashMap");
        assertThat(LockAdvice.forLockClass("java.util.Vector")).contains("CopyOnWriteArrayList");
        assertThat(LockAdvice.forLockClass("java.lang.StringBuffer")).contains("StringBuilder");
        assertThat(LockAdvice.forLockClass("java.util.concurrent.locks.ReentrantLock"))
                .contains("critical section").contains("stripe");
        assertThat(LockAdvice.forLockClass("com.acme.Registry")).contains("lock striping");
    }

    @Test
    void adviceNamesTheLockAsWrittenInCode() {
        assertThat(LockAdvice.personName("java.util.Collections$SynchronizedMap")).isEqualTo("Collections.synchronizedMap");
        assertThat(LockAdvice.personName("java.util.Collections$SynchronizedRandomAccessList"))
                .isEqualTo("Collections.synchronizedList");
        assertThat(LockAdvice.personName("java.util.concurrent.locks.ReentrantLock")).isEqualTo("ReentrantLock");
        assertThat(LockAdvice.personName("java.lang.Class")).contains("static synchronized");
        assertThat(LockAdvice.personName("com.acme.Registry")).isEqualTo("monitor of com.acme.Registry");
        assertThat(LockAdvice.forLockClass("java.util.Collections$SynchronizedSet")).contains("newKeySet");
    }

    @Test
    void adviceNamesFieldAllocationSiteAndWorstSiteWhenKnown() {
        CallSite site = new CallSite("com.acme.Cache.get(Cache.java:9)", 1, 1, List.of());
        LockId inField = new LockId("java.util.Hashtable", LockId.NO_AGENT_ID, "com.acme.Cache.<init>(Cache.java:5)",
                "com.acme.Cache.table");

        assertThat(LockAdvice.forLock(inField, site)).startsWith("Replace the Hashtable in com.acme.Cache.table created"
                + " at com.acme.Cache.<init>(Cache.java:5) and waited for at com.acme.Cache.get(Cache.java:9) with");
        assertThat(LockAdvice.forLock(LockId.ofClass("java.util.Hashtable"), null))
                .startsWith("Replace the Hashtable with");
    }

    /** The wait at MIN_WAIT_SHARE of the threads' lives, moved by {@code deltaNanos}. */
    private static long waitAtShare(long deltaNanos) {
        long aliveNanos = THREADS * ALIVE_FOR_SHARE;
        return (long) Math.ceil(HotLockDetector.MIN_WAIT_SHARE * aliveNanos) + deltaNanos;
    }

    private static Profile shareProfile(long waitNanos) {
        return Profiles.lockProfile(waitNanos, THREADS, ALIVE_FOR_SHARE);
    }

    // Threads alive for twice the wait, so the share (50%) is far above its threshold: only the floor decides.
    private static Profile floorProfile(long waitNanos) {
        return Profiles.lockProfile(waitNanos, 1, 2 * HotLockDetector.MIN_WAIT_NANOS);
    }
}
