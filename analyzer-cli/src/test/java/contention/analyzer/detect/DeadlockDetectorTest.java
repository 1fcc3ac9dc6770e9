// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import contention.analyzer.aggregate.Profile;
import contention.analyzer.model.CallSite;
import contention.analyzer.model.Deadlock;
import contention.analyzer.model.RecordingInfo;
import contention.analyzer.testing.Profiles;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A deadlock cycle the agent found becomes one critical finding naming its threads, locks and sites. */
class DeadlockDetectorTest {

    private static final long SECOND = 1_000_000_000L;

    private static Profile withDeadlocks(List<Deadlock> deadlocks) {
        RecordingInfo recording = Profiles.recording(10 * SECOND);
        return new Profile(recording, List.of(), List.of(), List.of(), List.of(), Map.of(), List.of(), deadlocks);
    }

    private static Deadlock transfers(long foundAfterStartNanos, String lockClass) {
        java.time.Instant startTime = Profiles.recording(10 * SECOND).startTime();
        long start = startTime.getEpochSecond() * SECOND + startTime.getNano();
        return new Deadlock(List.of(
                new Deadlock.DeadlockedThread("transfer-1", lockClass + "@1a", "com.acme.Bank.transfer(Bank.java:84)",
                        List.of("com.acme.Bank.transfer(Bank.java:84)", "com.acme.Bank.run(Bank.java:70)"),
                        List.of(lockClass + "@2b")),
                new Deadlock.DeadlockedThread("transfer-2", lockClass + "@2b", "com.acme.Bank.transfer(Bank.java:83)",
                        List.of("com.acme.Bank.transfer(Bank.java:83)"), List.of(lockClass + "@1a"))),
                start + foundAfterStartNanos);
    }

    @Test
    void aCycleIsOneCriticalFindingWithItsThreadsLocksAndSites() {
        List<Finding> findings = new DeadlockDetector().detect(withDeadlocks(List.of(transfers(2 * SECOND,
                "com.acme.Account"))));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.DEADLOCK);
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.threads()).containsExactly("transfer-1", "transfer-2");
            assertThat(f.lock().className()).isEqualTo("com.acme.Account");
            assertThat(f.sites()).extracting(CallSite::frame).containsExactly("com.acme.Bank.transfer(Bank.java:84)",
                    "com.acme.Bank.transfer(Bank.java:83)");
            assertThat(f.sites().get(0).stack()).hasSize(2);
            assertThat(f.title()).isEqualTo("transfer-1 and transfer-2 are deadlocked: each waits for a"
                    + " com.acme.Account the other holds, at com.acme.Bank.transfer(Bank.java:84) and"
                    + " com.acme.Bank.transfer(Bank.java:83); they will never run again");
            assertThat(f.explanation()).contains("\"transfer-1\" waits for com.acme.Account@1a at"
                    + " com.acme.Bank.transfer(Bank.java:84) holding com.acme.Account@2b");
            assertThat(f.metrics()).containsEntry("threads", 2.0).containsEntry("stuckMs", 8_000.0);
        });
    }

    @Test
    void aReentrantLocksQueueIsNamedAsTheLock() {
        List<Finding> findings = new DeadlockDetector().detect(withDeadlocks(List.of(transfers(SECOND,
                "java.util.concurrent.locks.ReentrantLock$NonfairSync"))));
        assertThat(findings).singleElement().extracting(f -> f.lock().className())
                .isEqualTo("java.util.concurrent.locks.ReentrantLock");
    }

    @Test
    void noCycleNoFinding() {
        assertThat(new DeadlockDetector().detect(withDeadlocks(List.of()))).isEmpty();
    }
}
