// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import contention.analyzer.model.CallSite;
import contention.analyzer.model.Lock;
import contention.analyzer.model.LockId;
import contention.analyzer.model.ThreadActivity;
import contention.analyzer.model.WaitStack;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Aggregation of events into a profile: sites, stacks, lifetimes, CPU time, and the memory bounds. */
class ProfileBuilderTest {

    private static final long MS = 1_000_000L;
    private static final long T0 = 1_700_000_000_000L * MS;
    private static final LockId MAP = LockId.ofClass("java.util.Collections$SynchronizedMap");
    private static final String SITE = "com.acme.LruCache.get(LruCache.java:31)";
    private static final List<String> SHORT_STACK = List.of(
            "java.util.Collections$SynchronizedMap.get(Collections.java:2672)", SITE);
    private static final List<String> LONG_STACK = List.of(
            "java.util.Collections$SynchronizedMap.get(Collections.java:2672)", SITE, "com.acme.Main.main(Main.java:9)");

    @Test
    void siteKeepsTheStackWithTheLargestTotalWait() {
        ProfileBuilder builder = recording(1_000);
        ThreadStats worker = builder.thread(1, "worker-1", false);
        for (int i = 0; i < 3; i++) {
            builder.monitorWait(worker, MAP, 10 * MS, SHORT_STACK, SITE, T0 + MS);
        }
        builder.monitorWait(worker, MAP, 25 * MS, LONG_STACK, SITE, T0 + MS);

        Lock lock = builder.build().locks().get(0);

        assertThat(lock.waitNanos()).isEqualTo(55 * MS);
        assertThat(lock.waitCount()).isEqualTo(4);
        assertThat(lock.sites()).singleElement().satisfies(site -> {
            assertThat(site.frame()).isEqualTo(SITE);
            assertThat(site.count()).isEqualTo(4);
            assertThat(site.stack()).isEqualTo(SHORT_STACK);
        });
    }

    @Test
    void locksComeLongestWaitFirstWithTheirWaiters() {
        ProfileBuilder builder = recording(1_000);
        ThreadStats a = builder.thread(1, "a", false);
        ThreadStats b = builder.thread(2, "b", false);
        builder.monitorWait(a, LockId.ofClass("java.util.Hashtable"), 5 * MS, SHORT_STACK, SITE, T0 + MS);
        builder.monitorWait(a, MAP, 10 * MS, SHORT_STACK, SITE, T0 + MS);
        builder.monitorWait(b, MAP, 30 * MS, SHORT_STACK, SITE, T0 + MS);

        Profile profile = builder.build();

        assertThat(profile.locks()).extracting(Lock::className)
                .containsExactly(MAP.className(), "java.util.Hashtable");
        assertThat(profile.locks().get(0).waiters()).containsExactly(
                new Lock.ThreadWait(2, 30 * MS), new Lock.ThreadWait(1, 10 * MS));
        assertThat(profile.thread(1)).hasValueSatisfying(thread -> assertThat(thread.blockedNanos()).isEqualTo(15 * MS));
    }

    @Test
    void threadLifetimeIsClippedToTheRecording() {
        ProfileBuilder builder = recording(1_000);
        ThreadStats early = builder.thread(1, "early", false);
        ThreadStats late = builder.thread(2, "late", false);
        builder.threadStarted(late, T0 + 400 * MS);
        builder.threadEnded(late, T0 + 700 * MS);
        builder.threadWaiting(early, 5 * MS, false, List.of(), null);
        builder.threadWaiting(late, 5 * MS, false, List.of(), null);

        Profile profile = builder.build();

        assertThat(profile.thread(1).map(ThreadActivity::aliveNanos)).hasValue(1_000 * MS);
        assertThat(profile.thread(2).map(ThreadActivity::aliveNanos)).hasValue(300 * MS);
    }

    @Test
    void waitsInsideTasksAreKeptApartWithTheirSitesIdleWaitsAreNot() {
        ProfileBuilder builder = recording(1_000);
        ThreadStats worker = builder.thread(1, "crawl-1", false);
        List<String> sleep = List.of("java.lang.Thread.sleep(Thread.java)", "com.acme.Crawler.fetch(Crawler.java:22)");
        List<String> idle = List.of("jdk.internal.misc.Unsafe.park(Unsafe.java)",
                "java.util.concurrent.ThreadPoolExecutor.getTask(ThreadPoolExecutor.java:1062)");
        builder.threadWaiting(worker, 30 * MS, true, sleep, "com.acme.Crawler.fetch(Crawler.java:22)");
        builder.threadWaiting(worker, 10 * MS, true, sleep, "com.acme.Crawler.fetch(Crawler.java:22)");
        builder.threadWaiting(worker, 500 * MS, false, idle, idle.get(0));
        builder.threadBlockingIo(worker, 20 * MS, true, List.of(), null);

        ThreadActivity thread = builder.build().thread(1).orElseThrow();

        assertThat(thread.waitingNanos()).isEqualTo(540 * MS);          // I/O is not "waiting"; idle waits are
        assertThat(thread.taskWaitNanos()).isEqualTo(60 * MS);
        assertThat(thread.taskWaitSites()).extracting(CallSite::frame, CallSite::waitNanos, CallSite::count)
                .containsExactly(tuple("com.acme.Crawler.fetch(Crawler.java:22)", 40 * MS, 2L),
                        tuple(ThreadStats.UNKNOWN_SITE, 20 * MS, 1L));
        assertThat(thread.taskWaitSites().get(0).stack()).isEqualTo(sleep);
    }

    @Test
    void runningTimeUndoesTheJvmsDivisionByCpus() {
        ProfileBuilder builder = recording(1_000);
        builder.cpus(4);
        ThreadStats worker = builder.thread(1, "worker", false);
        ThreadStats starter = builder.thread(2, "starter", false);
        builder.threadStarted(starter, T0 + 150 * MS);
        for (int tick = 1; tick <= 5; tick++) {
            // One busy CPU out of four: load 0.25 on every tick, 100 ms apart.
            builder.threadCpuLoad(worker, T0 + tick * 100 * MS, 0.25);
            if (tick >= 2) {
                builder.threadCpuLoad(starter, T0 + tick * 100 * MS + 10_000 /* same tick */, 0.25);
            }
        }

        Profile profile = builder.build();

        assertThat(profile.thread(1).map(ThreadActivity::runningNanos).orElseThrow()).isEqualTo(500 * MS);
        // The starter's first interval runs from its start (150 ms), not from the previous tick (100 ms).
        assertThat((double) profile.thread(2).map(ThreadActivity::runningNanos).orElseThrow())
                .isCloseTo(350 * MS, within(0.1 * MS));
    }

    @Test
    void runningTimeNeverExceedsLifetime() {
        ProfileBuilder builder = recording(100);
        builder.cpus(2);
        ThreadStats worker = builder.thread(1, "worker", false);
        builder.threadCpuLoad(worker, T0 + 100 * MS, 1.0);

        assertThat(builder.build().thread(1).map(ThreadActivity::runningNanos)).hasValue(100 * MS);
    }

    @Test
    void distinctStacksBeyondTheCapFoldIntoOther() {
        ProfileBuilder builder = new ProfileBuilder("x.jfr", 2);
        builder.eventTime(T0, T0 + 1_000 * MS);
        ThreadStats worker = builder.thread(1, "worker", false);
        for (int i = 0; i < 5; i++) {
            String site = "com.acme.C.m" + i + "(C.java:1)";
            builder.monitorWait(worker, MAP, (i + 1) * MS, List.of("java.util.X.y(X.java:1)", site), site, T0 + MS);
        }

        List<WaitStack> stacks = builder.build().waitStacks();

        assertThat(stacks).hasSize(3);
        assertThat(stacks).filteredOn(stack -> stack.frames().equals(List.of(WaitStack.OTHER_FRAME)))
                .singleElement()
                .satisfies(other -> assertThat(other.waitNanos()).isEqualTo((3 + 4 + 5) * MS));
        assertThat(stacks.stream().mapToLong(WaitStack::waitNanos).sum()).isEqualTo(15 * MS);
        assertThat(stacks).filteredOn(stack -> stack.frames().size() == 2)
                .allSatisfy(stack -> assertThat(stack.frames()).as("root first").endsWith("java.util.X.y(X.java:1)"));
    }

    @Test
    void sitesBeyondTheCapStillCountForTheLock() {
        ProfileBuilder builder = recording(1_000);
        ThreadStats worker = builder.thread(1, "worker", false);
        int sites = LockStats.MAX_SITES_PER_LOCK + 5;
        for (int i = 0; i < sites; i++) {
            String site = "com.acme.C.m" + i + "(C.java:1)";
            builder.monitorWait(worker, MAP, MS, List.of(site), site, T0 + MS);
        }

        Lock lock = builder.build().locks().get(0);

        assertThat(lock.waitCount()).isEqualTo(sites);
        assertThat(lock.waitNanos()).isEqualTo(sites * MS);
        assertThat(lock.sites()).hasSize(LockStats.KEPT_SITES_PER_LOCK);
    }

    private static final String REENTRANT_LOCK = "java.util.concurrent.locks.ReentrantLock";
    private static final String RW_LOCK = "java.util.concurrent.locks.ReentrantReadWriteLock";
    private static final String LOCK_SITE = "com.acme.Ledger.transfer(Ledger.java:23)";
    private static final List<String> LOCK_STACK = List.of(
            "java.util.concurrent.locks.ReentrantLock.lock(ReentrantLock.java:322)", LOCK_SITE);

    @Test
    void agentLockInstancesOfOneClassStayApart() {
        ProfileBuilder builder = recording(1_000);
        ThreadStats teller = builder.thread(1, "teller", false);
        builder.agentLockWait(teller, 1, REENTRANT_LOCK, REENTRANT_LOCK, 3 * MS, 1, LOCK_STACK, LOCK_SITE, T0 + 10 * MS);
        builder.agentLockWait(teller, 2, REENTRANT_LOCK, REENTRANT_LOCK, 7 * MS, 1, LOCK_STACK, LOCK_SITE, T0 + 20 * MS);

        Profile profile = builder.build();

        assertThat(profile.locks()).extracting(lock -> lock.id().key())
                .containsExactly(REENTRANT_LOCK + "@2", REENTRANT_LOCK + "@1");
        assertThat(profile.locks()).extracting(Lock::waitNanos).containsExactly(7 * MS, 3 * MS);
        assertThat(profile.locks()).allSatisfy(lock -> assertThat(lock.usage()).as("no statistics, no hold").isNull());
    }

    @Test
    void agentStatisticsGiveTheTotalsAndWaitsAfterTheLastPeriodAreAdded() {
        ProfileBuilder builder = recording(3_000);
        ThreadStats teller = builder.thread(1, "teller", false);
        // File order is not time order: a wait from after the period is read before the period's statistics,
        // one from within the period after them.
        builder.agentLockWait(teller, 1, REENTRANT_LOCK, REENTRANT_LOCK, 4 * MS, 1, LOCK_STACK, LOCK_SITE, T0 + 2_500 * MS);
        builder.agentLockStats(1, REENTRANT_LOCK, List.of("com.acme.Ledger.<init>(Ledger.java:14)"),
                "com.acme.Ledger.lock", true, false, 1_000 * MS, 500, 20, 90 * MS, 600 * MS, 2, T0 + 2_000 * MS);
        builder.agentLockWait(teller, 1, REENTRANT_LOCK, REENTRANT_LOCK, 2 * MS, 16, LOCK_STACK, LOCK_SITE, T0 + 1_500 * MS);
        builder.agentLockWait(teller, 1, REENTRANT_LOCK, REENTRANT_LOCK, 1 * MS, 16, LOCK_STACK, LOCK_SITE, T0 + 2_600 * MS);

        Lock lock = builder.build().locks().get(0);

        assertThat(lock.waitNanos()).isEqualTo(90 * MS + 4 * MS + 16 * MS);
        assertThat(lock.waitCount()).isEqualTo(20 + 1 + 16);
        assertThat(lock.waitingThreads()).isEqualTo(2);
        assertThat(lock.usage().acquisitions()).isEqualTo(500 + 17);
        assertThat(lock.usage().holdNanos()).isEqualTo(600 * MS);
        assertThat(lock.usage().utilization()).isEqualTo(0.2, within(1e-9));
        assertThat(lock.id().field()).isEqualTo("com.acme.Ledger.lock");
        assertThat(lock.usage().fair()).isTrue();
        assertThat(lock.id().allocationSite()).isEqualTo("com.acme.Ledger.<init>(Ledger.java:14)");
        assertThat(lock.sites()).singleElement().satisfies(site -> {
            assertThat(site.waitNanos()).isEqualTo(4 * MS + 32 * MS + 16 * MS);
            assertThat(site.count()).isEqualTo(1 + 16 + 16);
        });
    }

    @Test
    void waitsWithoutStatisticsAreBoundedInMemoryButKeepTheirTotal() {
        ProfileBuilder builder = recording(60_000);
        ThreadStats teller = builder.thread(1, "teller", false);
        int waits = AgentLockStats.MAX_TAIL_BUCKETS + 200;
        for (int i = 0; i < waits; i++) {
            long end = T0 + i * AgentLockStats.TAIL_BUCKET_NANOS;
            builder.agentLockWait(teller, 1, REENTRANT_LOCK, REENTRANT_LOCK, MS, 1, LOCK_STACK, LOCK_SITE, end);
        }

        Lock lock = builder.build().locks().get(0);

        assertThat(lock.waitNanos()).isEqualTo(waits * MS);
        assertThat(lock.waitCount()).isEqualTo(waits);
    }

    @Test
    void aPeriodThatBeganBeforeTheRecordingCountsForItsOverlap() {
        ProfileBuilder builder = recording(2_000);
        // The agent counted from 1 s before the recording's first event: half of its first period is outside.
        builder.agentLockStats(1, REENTRANT_LOCK, List.of(), null, false, false, 2_000 * MS, 400, 100, 800 * MS, 200 * MS, 4, T0 + 1_000 * MS);
        builder.agentLockStats(1, REENTRANT_LOCK, List.of(), null, false, false, 1_000 * MS, 300, 50, 500 * MS, 100 * MS, 4, T0 + 2_000 * MS);

        Lock lock = builder.build().locks().get(0);

        assertThat(lock.waitNanos()).isEqualTo(400 * MS + 500 * MS);
        assertThat(lock.waitCount()).isEqualTo(50 + 50);
        assertThat(lock.usage().acquisitions()).isEqualTo(200 + 300);
        assertThat(lock.usage().holdNanos()).isEqualTo(100 * MS + 100 * MS);
        assertThat(lock.usage().utilization()).isEqualTo(0.1, within(1e-9));
    }

    @Test
    void aPeriodThatBeganBeforeTheRecordingTakesItsWaitsFromTheWaitEventsWithinIt() {
        ProfileBuilder builder = recording(2_000);
        ThreadStats teller = builder.thread(1, "teller", false);
        // The first period's 800 ms of wait were mostly before the recording; these waits are what it saw.
        builder.agentLockWait(teller, 1, REENTRANT_LOCK, REENTRANT_LOCK, 3 * MS, 16, LOCK_STACK, LOCK_SITE, T0 + 200 * MS);
        builder.agentLockStats(1, REENTRANT_LOCK, List.of(), null, false, false, 2_000 * MS, 400, 100, 800 * MS, 200 * MS, 4, T0 + 1_000 * MS);
        builder.agentLockWait(teller, 1, REENTRANT_LOCK, REENTRANT_LOCK, 20 * MS, 1, LOCK_STACK, LOCK_SITE, T0 + 900 * MS);
        builder.agentLockStats(1, REENTRANT_LOCK, List.of(), null, false, false, 1_000 * MS, 300, 50, 500 * MS, 100 * MS, 4, T0 + 2_000 * MS);
        // Within the second period, which counts whole: not part of the first.
        builder.agentLockWait(teller, 1, REENTRANT_LOCK, REENTRANT_LOCK, 7 * MS, 1, LOCK_STACK, LOCK_SITE, T0 + 1_500 * MS);

        Lock lock = builder.build().locks().get(0);

        assertThat(lock.waitNanos()).isEqualTo(48 * MS + 20 * MS + 500 * MS);
        assertThat(lock.waitCount()).isEqualTo(16 + 1 + 50);
        assertThat(lock.usage().acquisitions()).isEqualTo(200 + 300);
        assertThat(lock.usage().holdNanos()).isEqualTo(100 * MS + 100 * MS);
    }

    @Test
    void utilizationIsClampedToTheRecording() {
        ProfileBuilder builder = recording(100);
        builder.agentLockStats(1, REENTRANT_LOCK, List.of(), null, false, false, 50 * MS, 10, 1, MS, 500 * MS, 1, T0 + 50 * MS);

        assertThat(builder.build().locks().get(0).usage().utilization()).isEqualTo(1.0);
    }

    @Test
    void parksOnALockClassTheAgentTimedCountOnce() {
        ProfileBuilder builder = recording(1_000);
        ThreadStats teller = builder.thread(1, "teller", false);
        builder.parkedOnLock(teller, REENTRANT_LOCK, 30 * MS, LOCK_STACK, LOCK_SITE, T0 + MS);
        builder.agentLockWait(teller, 1, REENTRANT_LOCK, REENTRANT_LOCK, 30 * MS, 1, LOCK_STACK, LOCK_SITE, T0 + 10 * MS);

        Profile profile = builder.build();

        assertThat(profile.locks()).extracting(lock -> lock.id().key()).containsExactly(REENTRANT_LOCK + "@1");
        assertThat(profile.thread(1).map(ThreadActivity::blockedNanos)).hasValue(30 * MS);
        assertThat(profile.waitStacks()).singleElement().satisfies(stack -> {
            assertThat(stack.lockClass()).isEqualTo(REENTRANT_LOCK);
            assertThat(stack.waitNanos()).isEqualTo(30 * MS);
        });
        assertThat(profile.recording().agentLockClasses()).containsExactly(REENTRANT_LOCK);
    }

    @Test
    void aSubclassTimedThroughReentrantLockAlsoReplacesItsParks() {
        ProfileBuilder builder = recording(1_000);
        ThreadStats teller = builder.thread(1, "teller", false);
        builder.parkedOnLock(teller, REENTRANT_LOCK, 30 * MS, LOCK_STACK, LOCK_SITE, T0 + MS);
        builder.agentLockWait(teller, 1, "com.acme.AuditedLock", REENTRANT_LOCK, 30 * MS, 1, LOCK_STACK, LOCK_SITE,
                T0 + 10 * MS);

        Profile profile = builder.build();

        assertThat(profile.locks()).extracting(Lock::className).containsExactly("com.acme.AuditedLock");
        assertThat(profile.thread(1).map(ThreadActivity::blockedNanos)).hasValue(30 * MS);
    }

    @Test
    void parksOnLockClassesTheAgentDidNotTimeStillCount() {
        ProfileBuilder builder = recording(1_000);
        ThreadStats teller = builder.thread(1, "teller", false);
        builder.parkedOnLock(teller, RW_LOCK, 12 * MS, LOCK_STACK, LOCK_SITE, T0 + MS);
        builder.agentLockWait(teller, 1, REENTRANT_LOCK, REENTRANT_LOCK, 30 * MS, 1, LOCK_STACK, LOCK_SITE, T0 + 10 * MS);

        Profile profile = builder.build();

        assertThat(profile.locks()).extracting(lock -> lock.id().key()).containsExactly(REENTRANT_LOCK + "@1", RW_LOCK);
        assertThat(profile.thread(1).map(ThreadActivity::blockedNanos)).hasValue(42 * MS);
        assertThat(profile.waitStacks()).extracting(WaitStack::lockClass).containsExactlyInAnyOrder(REENTRANT_LOCK, RW_LOCK);
    }

    @Test
    void theAgentsOtherLocksBucketReplacesNoParks() {
        ProfileBuilder builder = recording(1_000);
        ThreadStats teller = builder.thread(1, "teller", false);
        builder.parkedOnLock(teller, RW_LOCK, 12 * MS, LOCK_STACK, LOCK_SITE, T0 + MS);
        builder.agentLockStats(LockId.AGENT_OTHER_LOCKS, "[other locks]", List.of(), null, false, false, 10 * MS, 10, 1, MS, MS, 1,
                T0 + 10 * MS);

        Profile profile = builder.build();

        assertThat(profile.recording().agentLockClasses()).isEmpty();
        assertThat(profile.locks()).extracting(lock -> lock.id().key()).contains(RW_LOCK, "[other locks]@0");
    }

    @Test
    void emptyRecordingHasNoStartAndNoDuration() {
        Profile profile = new ProfileBuilder("empty.jfr").build();

        assertThat(profile.recording().start()).isEmpty();
        assertThat(profile.recording().durationNanos()).isZero();
        assertThat(profile.locks()).isEmpty();
    }

    private static ProfileBuilder recording(long millis) {
        ProfileBuilder builder = new ProfileBuilder("x.jfr");
        builder.eventTime(T0, T0 + millis * MS);
        return builder;
    }

    @Test
    void monitorWaitsFromJfrJoinTheAgentsOnlyInstanceOfThatClass() {
        ProfileBuilder builder = recording(2_000);
        ThreadStats worker = builder.thread(1, "worker", false);
        builder.monitorWait(worker, LockId.ofClass("java.util.Hashtable"), 40 * MS, SHORT_STACK, SITE, T0 + MS);
        builder.agentLockStats(7, "java.util.Hashtable", List.of("com.acme.Store.<init>(Store.java:9)"),
                "com.acme.Store.table", false, true, 1_000 * MS, 6_400, 0, 0, 900 * MS, 0, T0 + 1_000 * MS);
        builder.monitorWait(worker, LockId.ofClass("java.util.Hashtable"), 60 * MS, SHORT_STACK, SITE, T0 + MS);
        // Two agent instances of Vector: JFR cannot tell which one a wait was for, so it stays by class.
        builder.agentLockStats(8, "java.util.Vector", List.of(), null, false, true, 1_000 * MS, 64, 0, 0, MS, 0,
                T0 + 1_000 * MS);
        builder.agentLockStats(9, "java.util.Vector", List.of(), null, false, true, 1_000 * MS, 64, 0, 0, MS, 0,
                T0 + 1_000 * MS);
        builder.monitorWait(worker, LockId.ofClass("java.util.Vector"), 5 * MS, SHORT_STACK, SITE, T0 + MS);

        Profile profile = builder.build();

        Lock table = profile.locks().get(0);
        assertThat(table.id().agentId()).isEqualTo(7);
        assertThat(table.id().field()).isEqualTo("com.acme.Store.table");
        assertThat(table.waitNanos()).isEqualTo(100 * MS);
        assertThat(table.waitCount()).isEqualTo(2);
        assertThat(table.sites()).extracting(CallSite::frame).containsExactly(SITE);
        assertThat(table.usage().holdNanos()).isEqualTo(900 * MS);
        assertThat(profile.locks()).filteredOn(lock -> lock.id().className().equals("java.util.Vector"))
                .extracting(lock -> lock.id().agentId(), Lock::waitNanos)
                .containsExactlyInAnyOrder(tuple(LockId.NO_AGENT_ID, 5 * MS), tuple(8L, 0L), tuple(9L, 0L));
        // Monitors are not "timed by the agent": JFR's parks and monitor events stay the source of their waits.
        assertThat(profile.recording().agentLockClasses()).doesNotContain("java.util.Hashtable");
    }

    @Test
    void everyStaticSynchronizedMethodsWaitsJoinTheClassMonitorsInstance() {
        ProfileBuilder builder = recording(2_000);
        ThreadStats worker = builder.thread(1, "worker", false);
        LockId next = new LockId("com.acme.Ids.class", LockId.NO_AGENT_ID, null, "static synchronized com.acme.Ids.next");
        LockId reset = new LockId("com.acme.Ids.class", LockId.NO_AGENT_ID, null, "static synchronized com.acme.Ids.reset");
        builder.monitorWait(worker, next, 30 * MS, SHORT_STACK, SITE, T0 + MS);
        builder.monitorWait(worker, reset, 20 * MS, SHORT_STACK, SITE, T0 + MS);
        builder.agentLockStats(3, "com.acme.Ids.class", List.of(), null, false, true, 1_000 * MS, 640, 0, 0, 500 * MS,
                0, T0 + 1_000 * MS);

        List<Lock> locks = builder.build().locks();

        assertThat(locks).hasSize(1);
        assertThat(locks.get(0).id().agentId()).isEqualTo(3);
        assertThat(locks.get(0).waitNanos()).isEqualTo(50 * MS);
        assertThat(locks.get(0).waitCount()).isEqualTo(2);
    }

    @Test
    void monitorWaitsJoinTheInstanceHeldFarMoreThanTheOthersOfItsClass() {
        ProfileBuilder builder = recording(2_000);
        ThreadStats worker = builder.thread(1, "worker", false);
        builder.monitorWait(worker, LockId.ofClass("java.util.Hashtable"), 40 * MS, SHORT_STACK, SITE, T0 + MS);
        builder.agentLockStats(7, "java.util.Hashtable", List.of(), "com.acme.Store.table", false, true, 1_000 * MS,
                6_400, 0, 0, 950 * MS, 0, T0 + 1_000 * MS);
        builder.agentLockStats(8, "java.util.Hashtable", List.of(), null, false, true, 1_000 * MS, 64, 0, 0, 10 * MS,
                0, T0 + 1_000 * MS);

        List<Lock> locks = builder.build().locks();

        assertThat(locks).extracting(lock -> lock.id().agentId(), Lock::waitNanos)
                .containsExactlyInAnyOrder(tuple(7L, 40 * MS), tuple(8L, 0L));
    }
}
