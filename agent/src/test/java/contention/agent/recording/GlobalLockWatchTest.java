// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A lock warns once when it serializes its threads two periods in a row, again only for an episode five minutes
 * later, and never past twenty warnings; each rule is driven at and beside its threshold.
 */
class GlobalLockWatchTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;
    private static final String LOCK = "java.util.concurrent.locks.ReentrantLock";
    private static final String FIELD = "com.acme.Ledger.lock";
    private static final String SITE = "com.acme.Ledger.<init>(Ledger.java:19)\ncom.acme.Main.main(Main.java:7)";
    private static final String LEDGER_WARNING = "contention: WARNING global lock fallback: " + LOCK + " " + FIELD
            + " serializes 4 threads (created at com.acme.Ledger.<init>(Ledger.java:19))";

    private long now = 1_000 * SECOND;
    private final List<String> lines = new ArrayList<>();
    private final List<GlobalLockWatch.Warning> warnings = new ArrayList<>();
    private final GlobalLockWatch watch = new GlobalLockWatch(() -> now, lines::add, warnings::add);

    /** One 1 s period in which the ledger's lock (id 1) ran as SerialFractionApp 0.95 unfair 4 threads did. */
    private void serializingLedgerPeriod() {
        period();
        ledger(2_850_000_000L, 990_000_000L, 4); // f = 0.99 / (4 - 2.85) = 0.86
    }

    private void period() {
        now += SECOND;
        watch.startPeriod(SECOND);
    }

    private void ledger(long waitNanos, long holdNanos, int threads) {
        watch.judge(1, LOCK, FIELD, SITE, GlobalLockWatch.Waits.MEASURED, waitNanos, holdNanos, threads);
    }

    @Test
    void oneSerializingPeriodIsNotAnEpisode() {
        serializingLedgerPeriod();
        assertThat(lines).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void twoSerializingPeriodsWarnOnceWithTheLockTheThreadsAndTheSite() {
        serializingLedgerPeriod();
        serializingLedgerPeriod();
        assertThat(lines).containsExactly(LEDGER_WARNING);
        assertThat(warnings).hasSize(1);
        GlobalLockWatch.Warning warning = warnings.get(0);
        assertThat(warning.lockId).isEqualTo(1);
        assertThat(warning.lockClass).isEqualTo(LOCK);
        assertThat(warning.field).isEqualTo(FIELD);
        assertThat(warning.allocationSite).isEqualTo(SITE);
        assertThat(warning.threads).isEqualTo(4);
        assertThat(warning.utilization).isEqualTo(0.99);
        assertThat(warning.serialFraction).isCloseTo(0.99 / 1.15, within(1e-9));
        assertThat(warning.message).isEqualTo(LEDGER_WARNING);
    }

    @Test
    void aLongerEpisodeStillWarnsOnce() {
        for (int i = 0; i < 10; i++) {
            serializingLedgerPeriod();
        }
        assertThat(lines).hasSize(1);
        assertThat(warnings).hasSize(1);
    }

    @Test
    void aNewEpisodeWithinFiveMinutesDoesNotWarnAgain() {
        serializingLedgerPeriod();
        serializingLedgerPeriod();
        period(); // not serializing: the lock's threads wait little, f = 0.4 / (4 - 0.5)
        ledger(500_000_000L, 400_000_000L, 4);
        now += 4 * MINUTE;
        serializingLedgerPeriod();
        serializingLedgerPeriod();
        assertThat(lines).containsExactly(LEDGER_WARNING);
    }

    @Test
    void aNewEpisodeFiveMinutesAfterTheWarningWarnsAgain() {
        serializingLedgerPeriod();
        serializingLedgerPeriod();
        period(); // the lock is idle: not active ends the episode as well
        now += 5 * MINUTE;
        serializingLedgerPeriod();
        assertThat(lines).hasSize(1);
        serializingLedgerPeriod();
        assertThat(lines).containsExactly(LEDGER_WARNING, LEDGER_WARNING);
        assertThat(warnings).hasSize(2);
    }

    @Test
    void anEpisodeGoingOnPastFiveMinutesDoesNotWarnAgain() {
        serializingLedgerPeriod();
        serializingLedgerPeriod();
        now += 10 * MINUTE;
        serializingLedgerPeriod();
        assertThat(lines).hasSize(1);
    }

    @Test
    void aPeriodWithoutTheLockEndsTheEpisodeBeforeItStarts() {
        serializingLedgerPeriod();
        period(); // the lock was not active
        serializingLedgerPeriod();
        assertThat(lines).isEmpty();
    }

    @Test
    void aShortPartialPeriodIsNotJudged() {
        serializingLedgerPeriod();
        watch.startPeriod(SECOND / 10); // the flush when a chunk ends
        ledger(0, 0, 4);
        serializingLedgerPeriod();
        assertThat(lines).containsExactly(LEDGER_WARNING);
    }

    @Test
    void serialFractionJustBelowTheThresholdNeverWarns() {
        // Two threads taking turns on a lock held 93% of the time, hardly waiting (SerialFractionApp 0.5 unfair
        // 2 threads): EP = 2 - 0.05, f = 0.93 / 1.95 = 0.48.
        for (int i = 0; i < 5; i++) {
            period();
            ledger(50_000_000L, 930_000_000L, 2);
        }
        // Just below 0.6 with 4 threads: f = 0.59 / (4 - 3.0)
        for (int i = 0; i < 5; i++) {
            period();
            ledger(3_000_000_000L, 590_000_000L, 4);
        }
        assertThat(lines).isEmpty();
        period();
        ledger(3_000_000_000L, 600_000_000L, 4); // f = 0.6: serializing
        period();
        ledger(3_000_000_000L, 600_000_000L, 4);
        assertThat(lines).hasSize(1);
    }

    @Test
    void oneThreadNeverSerializesAnybody() {
        for (int i = 0; i < 5; i++) {
            period();
            ledger(0, SECOND, 1); // held the whole period, by its only thread
            watch.judge(2, "com.acme.Cache", "", "", GlobalLockWatch.Waits.UNKNOWN, 0, SECOND, 1);
        }
        assertThat(lines).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void threadsWaitingLongerThanThePeriodSerializeWhenTheLockIsHeldAThirdOfIt() {
        // EP = 4 - 4.2 < 0: f is undefined; held 0.31 of the period is enough.
        period();
        ledger(4_200_000_000L, 310_000_000L, 4);
        period();
        ledger(4_200_000_000L, 310_000_000L, 4);
        assertThat(lines).hasSize(1);
        assertThat(warnings.get(0).serialFraction).isEqualTo(1);

        watch.judge(2, LOCK, "", "", GlobalLockWatch.Waits.MEASURED, 4_200_000_000L, 300_000_000L, 4); // held 0.3: not above
        period();
        watch.judge(2, LOCK, "", "", GlobalLockWatch.Waits.MEASURED, 4_200_000_000L, 300_000_000L, 4);
        assertThat(lines).hasSize(1);
    }

    @Test
    void aMonitorSerializesWhenHeldNinetyPercentOfThePeriod() {
        String staticMonitor = "com.acme.Ids.class";
        for (int i = 0; i < 3; i++) {
            period();
            watch.judge(3, staticMonitor, "", "", GlobalLockWatch.Waits.UNKNOWN, 0, 899_000_000L, 4); // just below
        }
        assertThat(lines).isEmpty();
        period();
        watch.judge(3, staticMonitor, "", "", GlobalLockWatch.Waits.UNKNOWN, 0, 900_000_000L, 4);
        period();
        watch.judge(3, staticMonitor, "", "", GlobalLockWatch.Waits.UNKNOWN, 0, 950_000_000L, 3);
        assertThat(lines).containsExactly("contention: WARNING global lock fallback: static synchronized methods of"
                + " com.acme.Ids serializes 3 threads (site unknown)");
        assertThat(warnings.get(0).serialFraction).isEqualTo(-1);
        assertThat(warnings.get(0).utilization).isEqualTo(0.95);
    }

    @Test
    void aMonitorWithSampledWaitsSerializesWhenMostOfItsThreadsAreFoundBlockedOnIt() {
        String staticMonitor = "com.acme.Ids.class";
        // SerialFractionApp 0.5 synchronized 4s 2: f = 0.95 / (2 - 0.37) = 0.58, then 0.69 with waiting 0.63 of the
        // one thread a fully serialized pair keeps waiting: below 0.7, and the looks' own inflation at that.
        period();
        watch.judge(3, staticMonitor, "", "", GlobalLockWatch.Waits.SAMPLED, 370_000_000L, 950_000_000L, 2);
        period();
        watch.judge(3, staticMonitor, "", "", GlobalLockWatch.Waits.SAMPLED, 630_000_000L, 950_000_000L, 2);
        period();
        watch.judge(3, staticMonitor, "", "", GlobalLockWatch.Waits.SAMPLED, 360_000_000L, 990_000_000L, 2);
        assertThat(lines).isEmpty();
        // The same numbers as waits a lock timed itself are two serializing periods: f 0.58, 0.69, 0.60.
        for (long wait : new long[] {630_000_000L, 360_000_000L}) {
            period();
            watch.judge(5, LOCK, "", "", GlobalLockWatch.Waits.MEASURED, wait, 990_000_000L, 2);
        }
        assertThat(lines).hasSize(1);
        // OrderIdApp, 8 threads on a static synchronized method: waiting 5.5 of 7, U 0.9 (f = U / EP would be 0.36).
        period();
        watch.judge(3, staticMonitor, "", "", GlobalLockWatch.Waits.SAMPLED, 5_500_000_000L, 900_000_000L, 8);
        period();
        watch.judge(3, staticMonitor, "", "", GlobalLockWatch.Waits.SAMPLED, 5_000_000_000L, 900_000_000L, 8); // 0.71
        assertThat(lines).hasSize(2).last().isEqualTo("contention: WARNING global lock fallback: static"
                + " synchronized methods of com.acme.Ids serializes 8 threads (site unknown)");
        assertThat(warnings.get(1).serialFraction).isEqualTo(-1);
        // Held less than half the time, a monitor serializes nobody however many wait.
        for (int i = 0; i < 3; i++) {
            period();
            watch.judge(6, "java.lang.Object", "", "", GlobalLockWatch.Waits.SAMPLED, 7_000_000_000L, 490_000_000L, 8);
        }
        assertThat(lines).hasSize(2);
    }

    @Test
    void aLockWithoutAFieldIsNamedByItsClass() {
        for (int i = 0; i < 2; i++) {
            period();
            watch.judge(4, "java.util.Hashtable", null, "com.acme.Sessions.<init>(Sessions.java:12)", GlobalLockWatch.Waits.UNKNOWN, 0,
                    SECOND, 8);
        }
        assertThat(lines).containsExactly("contention: WARNING global lock fallback: java.util.Hashtable serializes"
                + " 8 threads (created at com.acme.Sessions.<init>(Sessions.java:12))");
    }

    @Test
    void twentyWarningsThenOneLineSayingTheRestAreSuppressed() {
        // 30 locks each start an episode in the same two periods.
        for (int p = 0; p < 2; p++) {
            period();
            for (int id = 1; id <= 30; id++) {
                watch.judge(id, LOCK, "", "", GlobalLockWatch.Waits.MEASURED, 2_850_000_000L, 990_000_000L, 4);
            }
        }
        assertThat(warnings).hasSize(GlobalLockWatch.MAX_WARNINGS);
        assertThat(lines).hasSize(GlobalLockWatch.MAX_WARNINGS + 1);
        assertThat(lines.get(GlobalLockWatch.MAX_WARNINGS))
                .isEqualTo("contention: further global-lock warnings suppressed");
        assertThat(lines.subList(0, GlobalLockWatch.MAX_WARNINGS))
                .allMatch(l -> l.startsWith("contention: WARNING global lock fallback: " + LOCK + " serializes"));

        // Later episodes, of these locks or new ones, print nothing more, not even the suppression line.
        now += 10 * MINUTE;
        for (int p = 0; p < 3; p++) {
            period();
            for (int id = 1; id <= 40; id++) {
                watch.judge(id, LOCK, "", "", GlobalLockWatch.Waits.MEASURED, 2_850_000_000L, 990_000_000L, 4);
            }
        }
        assertThat(lines).hasSize(GlobalLockWatch.MAX_WARNINGS + 1);
        assertThat(warnings).hasSize(GlobalLockWatch.MAX_WARNINGS);
    }

    @Test
    void stateIsKeptOnlyForLocksSerializingNowOrWarnedRecently() {
        period();
        for (int id = 1; id <= 100; id++) {
            watch.judge(id, LOCK, "", "", GlobalLockWatch.Waits.MEASURED, 2_850_000_000L, 990_000_000L, 4);
        }
        watch.judge(1000, LOCK, "", "", GlobalLockWatch.Waits.MEASURED, 0, 10_000_000L, 4); // not serializing: no state at all
        assertThat(watch.trackedLocks()).isEqualTo(100);
        period();
        watch.judge(1, LOCK, "", "", GlobalLockWatch.Waits.MEASURED, 2_850_000_000L, 990_000_000L, 4); // warns
        period();
        assertThat(watch.trackedLocks()).as("lock 1 serialized last period").isEqualTo(1);
        period();
        assertThat(watch.trackedLocks()).as("lock 1 warned within 5 minutes").isEqualTo(1);
        now += 5 * MINUTE;
        period();
        assertThat(watch.trackedLocks()).isZero();
    }

    @Test
    void describesLocksAndSitesAsTheWarningPrintsThem() {
        assertThat(GlobalLockWatch.describe("com.acme.Ids.class", "")).isEqualTo(
                "static synchronized methods of com.acme.Ids");
        assertThat(GlobalLockWatch.describe(LOCK, FIELD)).isEqualTo(LOCK + " " + FIELD);
        assertThat(GlobalLockWatch.describe(LOCK, "")).isEqualTo(LOCK);
        assertThat(GlobalLockWatch.site(SITE)).isEqualTo("created at com.acme.Ledger.<init>(Ledger.java:19)");
        assertThat(GlobalLockWatch.site("com.acme.A.<init>(A.java:3)"))
                .isEqualTo("created at com.acme.A.<init>(A.java:3)");
        assertThat(GlobalLockWatch.site("")).isEqualTo("site unknown");
        assertThat(GlobalLockWatch.site(null)).isEqualTo("site unknown");
    }
}
