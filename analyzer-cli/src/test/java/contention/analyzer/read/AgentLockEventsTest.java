// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.read;

import static contention.analyzer.testing.AgentScenario.AUDIT_ALLOCATION;
import static contention.analyzer.testing.AgentScenario.AUDIT_LOCK;
import static contention.analyzer.testing.AgentScenario.AUDIT_SITE;
import static contention.analyzer.testing.AgentScenario.AUDIT_WAIT_NANOS;
import static contention.analyzer.testing.AgentScenario.LEDGER_ALLOCATION;
import static contention.analyzer.testing.AgentScenario.LEDGER_LOCK;
import static contention.analyzer.testing.AgentScenario.LEDGER_STATS_ACQUISITIONS;
import static contention.analyzer.testing.AgentScenario.LEDGER_STATS_CONTENDED;
import static contention.analyzer.testing.AgentScenario.LEDGER_STATS_HOLD_NANOS;
import static contention.analyzer.testing.AgentScenario.LEDGER_STATS_WAITING_THREADS;
import static contention.analyzer.testing.AgentScenario.LEDGER_STATS_WAIT_NANOS;
import static contention.analyzer.testing.AgentScenario.LOCK_CLASS;
import static contention.analyzer.testing.AgentScenario.LONG_WAITS;
import static contention.analyzer.testing.AgentScenario.LONG_WAIT_NANOS;
import static contention.analyzer.testing.AgentScenario.SHORT_WAITS;
import static contention.analyzer.testing.AgentScenario.SHORT_WAIT_NANOS;
import static contention.analyzer.testing.AgentScenario.SHORT_WEIGHT;
import static contention.analyzer.testing.AgentScenario.TAIL_WAIT_NANOS;
import static contention.analyzer.testing.AgentScenario.TRANSFER_SITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import contention.analyzer.aggregate.Profile;
import contention.analyzer.model.CallSite;
import contention.analyzer.model.Lock;
import contention.analyzer.model.LockId;
import contention.analyzer.model.ThreadActivity;
import contention.analyzer.model.WaitStack;
import contention.analyzer.testing.AgentScenario;
import contention.analyzer.testing.TestRecordings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent's {@code contention.LockStats} and {@code contention.LockWait} events, read from a recording
 * that holds exactly the {@link AgentScenario}'s events, next to JFR's own.
 */
class AgentLockEventsTest {

    private static final long MS = 1_000_000L;
    // Real JFR events of the scenario's threads (exiting takes the thread group's monitor), well below the
    // waits that must not count.
    private static final long SLACK_NANOS = AgentScenario.JFR_ONLY_MILLIS * MS / 2;
    private static Profile profile;

    @BeforeAll
    static void read() throws Exception {
        profile = RecordingReader.read(TestRecordings.agentScenario(), "agent-scenario.jfr");
    }

    @Test
    void eachLockInstanceIsItsOwnLockWithItsAgentId() {
        assertThat(lock(LEDGER_LOCK).id().key()).isEqualTo(LOCK_CLASS + "@" + LEDGER_LOCK);
        assertThat(lock(AUDIT_LOCK).id().key()).isEqualTo(LOCK_CLASS + "@" + AUDIT_LOCK);
        assertThat(lock(AUDIT_LOCK).waitNanos()).isEqualTo(AUDIT_WAIT_NANOS);
        assertThat(lock(AUDIT_LOCK).id().allocationSite()).isEqualTo(AUDIT_ALLOCATION);
    }

    @Test
    void allocationSiteIsTheFirstFrameAndTheStackIsKept() {
        Lock ledger = lock(LEDGER_LOCK);

        assertThat(ledger.id().allocationSite()).isEqualTo(LEDGER_ALLOCATION.get(0));
        assertThat(ledger.allocationStack()).isEqualTo(LEDGER_ALLOCATION);
    }

    @Test
    void totalsComeFromTheStatisticsPlusTheWaitsAfterTheLastPeriod() {
        Lock ledger = lock(LEDGER_LOCK);

        assertThat(ledger.waitNanos()).isEqualTo(LEDGER_STATS_WAIT_NANOS + TAIL_WAIT_NANOS);
        assertThat(ledger.waitCount()).isEqualTo(LEDGER_STATS_CONTENDED + 1);
        assertThat(ledger.waitingThreads()).isEqualTo(LEDGER_STATS_WAITING_THREADS);
        assertThat(ledger.usage()).isNotNull();
        assertThat(ledger.usage().acquisitions()).isEqualTo(LEDGER_STATS_ACQUISITIONS + 1);
        assertThat(ledger.usage().holdNanos()).isEqualTo(LEDGER_STATS_HOLD_NANOS);
        assertThat(ledger.usage().utilization())
                .isCloseTo((double) LEDGER_STATS_HOLD_NANOS / profile.recording().durationNanos(), within(1e-9));
    }

    @Test
    void sitesAreWeightedByTheWaitsEachEventStandsFor() {
        Lock ledger = lock(LEDGER_LOCK);

        CallSite transfer = site(ledger, TRANSFER_SITE);
        CallSite audit = site(ledger, AUDIT_SITE);
        assertThat(transfer.waitNanos()).isEqualTo(LONG_WAITS * LONG_WAIT_NANOS + TAIL_WAIT_NANOS);
        assertThat(transfer.count()).isEqualTo(LONG_WAITS + 1);
        assertThat(audit.waitNanos()).isEqualTo(SHORT_WAITS * SHORT_WAIT_NANOS * SHORT_WEIGHT);
        assertThat(audit.count()).isEqualTo((long) SHORT_WAITS * SHORT_WEIGHT);
        assertThat(ledger.worstSite()).isEqualTo(transfer);
    }

    @Test
    void collapsedStacksAreWeightedAndEndAtTheLockClass() {
        WaitStack audit = profile.waitStacks().stream()
                .filter(stack -> stack.frames().get(stack.frames().size() - 1).startsWith(AUDIT_SITE))
                .findFirst().orElseThrow();

        assertThat(audit.lockClass()).isEqualTo(LOCK_CLASS);
        assertThat(audit.waitNanos()).isEqualTo(SHORT_WAITS * SHORT_WAIT_NANOS * SHORT_WEIGHT);
    }

    @Test
    void agentFramesNeverAppear() {
        for (Lock lock : profile.locks()) {
            for (CallSite site : lock.sites()) {
                assertThat(site.frame()).doesNotStartWith("contention.agent.");
                assertThat(site.stack()).noneMatch(frame -> frame.startsWith("contention.agent."));
            }
        }
        assertThat(profile.waitStacks()).allSatisfy(stack ->
                assertThat(stack.frames()).noneMatch(frame -> frame.startsWith("contention.agent.")));
        // The stack starts where the agent's frames end.
        assertThat(site(lock(LEDGER_LOCK), TRANSFER_SITE).stack().get(0)).startsWith(TRANSFER_SITE);
    }

    @Test
    void jfrParksOnALockClassTheAgentTimedAreNotASecondLockNorMoreWait() {
        assertThat(profile.locks()).noneMatch(lock -> lock.id().equals(LockId.ofClass(LOCK_CLASS)));
        assertThat(profile.recording().agentLockClasses()).contains(LOCK_CLASS);

        // teller-2 parked on ReentrantLock$NonfairSync, a wait the agent timed as its 4 ms wait.
        ThreadActivity teller2 = thread("teller-2");
        assertThat(teller2.blockedNanos()).isGreaterThanOrEqualTo(AUDIT_WAIT_NANOS)
                .isLessThan(AUDIT_WAIT_NANOS + SLACK_NANOS);
        assertThat(teller2.waitingNanos()).isLessThan(SLACK_NANOS);
    }

    @Test
    void threadsBlockedTimeIsTheAgentsWeightedWaits() {
        long teller1 = LONG_WAITS * LONG_WAIT_NANOS + SHORT_WAITS * SHORT_WAIT_NANOS * SHORT_WEIGHT + TAIL_WAIT_NANOS;

        assertThat(thread("teller-1").blockedNanos()).isGreaterThanOrEqualTo(teller1).isLessThan(teller1 + SLACK_NANOS);
        assertThat(lock(LEDGER_LOCK).waiters()).extracting(waiter -> profile.threadName(waiter.threadId()))
                .containsExactly("teller-1");
    }

    @Test
    void sleepIsWaiting() {
        assertThat(thread("sleeper").waitingNanos()).isGreaterThanOrEqualTo(AgentScenario.SLEEP_MILLIS * MS * 9 / 10);
        assertThat(thread("sleeper").blockedNanos()).isZero();
        assertThat(profile.recording().has(EventNames.THREAD_SLEEP)).isTrue();
    }

    @Test
    void theProfilersOwnLocksAndThreadsAreLeftOut() {
        assertThat(profile.locks()).noneMatch(lock -> lock.className().startsWith("jdk.jfr.internal."));
        assertThat(profile.threads()).extracting(ThreadActivity::name)
                .doesNotContainAnyElementsOf(AgentScenario.PROFILER_THREADS)
                .noneMatch(name -> name.startsWith("JFR "));
        Lock hashtable = profile.locks().stream()
                .filter(lock -> lock.className().equals("java.util.Hashtable")).findFirst().orElseThrow();
        assertThat(hashtable.waiters()).extracting(waiter -> profile.threadName(waiter.threadId()))
                .containsExactly("app-1");
        // app-1 waited for JFR's monitor too; that wait is the profiler's, not the program's.
        long hashtableWait = hashtable.waiters().get(0).waitNanos();
        assertThat(thread("app-1").blockedNanos()).isGreaterThanOrEqualTo(hashtableWait)
                .isLessThan(hashtableWait + SLACK_NANOS);
    }

    private static Lock lock(long agentId) {
        return profile.locks().stream()
                .filter(lock -> lock.id().agentId() == agentId)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no agent lock " + agentId + " in " + profile.locks()));
    }

    private static CallSite site(Lock lock, String framePrefix) {
        return lock.sites().stream()
                .filter(site -> site.frame().startsWith(framePrefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no site " + framePrefix + " in " + lock.sites()));
    }

    private static ThreadActivity thread(String name) {
        return profile.threads().stream()
                .filter(thread -> thread.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no thread " + name + " in " + profile.threads()));
    }
}
