// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.testing;

import contention.agent.fake.FakeLockAdviceHelper;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A scripted recording of the agent's lock events, exact to the nanosecond: two {@code ReentrantLock}
 * instances timed by the "agent" (with weighted short waits and a wait after its last statistics period), a
 * JFR park on the same lock class that the agent already timed, a sleeping thread, JFR's own monitor, and
 * threads that belong to JFR and to the agent. Tests assert the numbers below.
 */
public final class AgentScenario {

    private static final long MS = 1_000_000L;
    private static final List<Exception> FAILURES = new CopyOnWriteArrayList<>();

    /** The class of both agent-timed locks. */
    public static final String LOCK_CLASS = "java.util.concurrent.locks.ReentrantLock";

    /** The agent's id of the ledger lock, which threads wait for at two sites. */
    public static final long LEDGER_LOCK = 1;

    /** The agent's id of the audit lock: the same class, another instance. */
    public static final long AUDIT_LOCK = 2;

    /** Where the ledger lock was created, innermost frame first. */
    public static final List<String> LEDGER_ALLOCATION = List.of(
            "com.acme.Ledger.<init>(Ledger.java:14)", "com.acme.LedgerApp.main(LedgerApp.java:16)");

    /** Where the audit lock was created. */
    public static final String AUDIT_ALLOCATION = "com.acme.Audit.<init>(Audit.java:9)";

    /** Call sites, as frames start; the line numbers follow this file. */
    public static final String TRANSFER_SITE = "contention.analyzer.testing.AgentScenario.transfer(AgentScenario.java:";
    public static final String AUDIT_SITE = "contention.analyzer.testing.AgentScenario.audit(AgentScenario.java:";

    /** teller-1 at the transfer site: {@link #LONG_WAITS} waits above the agent's threshold, weight 1. */
    public static final long LONG_WAIT_NANOS = 2 * MS;
    public static final int LONG_WAITS = 3;

    /** teller-1 at the audit site: {@link #SHORT_WAITS} sampled short waits, each standing for 16. */
    public static final long SHORT_WAIT_NANOS = 100_000L;
    public static final int SHORT_WAITS = 2;
    public static final int SHORT_WEIGHT = 16;

    /** teller-1 at the transfer site, after the ledger lock's last statistics period. */
    public static final long TAIL_WAIT_NANOS = 5 * MS;

    /** teller-2 waits for the audit lock once, at the transfer site; its statistics hold the wait. */
    public static final long AUDIT_WAIT_NANOS = 4 * MS;

    /** The ledger lock's statistics (one period): all contended acquisitions, their wait, hold and threads. */
    public static final long LEDGER_STATS_WAIT_NANOS = 50 * MS;
    public static final long LEDGER_STATS_CONTENDED = 40;
    public static final long LEDGER_STATS_ACQUISITIONS = 1_000;
    public static final long LEDGER_STATS_HOLD_NANOS = 10 * MS;
    public static final int LEDGER_STATS_WAITING_THREADS = 3;

    /**
     * At least how long the waits last that only JFR saw and that must not count: teller-2's park on the lock
     * the agent timed, app-1's wait for JFR's own monitor. Tests allow less than this for real JFR events
     * (a thread's exit takes its group's monitor) on a loaded machine.
     */
    public static final long JFR_ONLY_MILLIS = 50;

    /** The sleeping thread's sleep. */
    public static final long SLEEP_MILLIS = 30;

    /** Threads of the profiler itself, which wait for an application monitor; never reported. */
    public static final List<String> PROFILER_THREADS = List.of("JFR test thread", "contention-test");

    /** Runs the scenario; call while a recording with {@link SyntheticEvents#NAMES} enabled runs. */
    public static void run() throws Exception {
        long periodStartNanos = System.nanoTime();
        SyntheticEvents.AgentInfo agent = new SyntheticEvents.AgentInfo();
        agent.agentVersion = "0.1.0-test";
        agent.options = "file=agent-scenario.jfr";
        agent.commit();
        CountDownLatch periodWritten = new CountDownLatch(1);
        Thread teller1 = start("teller-1", () -> {
            for (int i = 0; i < LONG_WAITS; i++) {
                transfer(LEDGER_LOCK, LONG_WAIT_NANOS, 1);
            }
            for (int i = 0; i < SHORT_WAITS; i++) {
                audit(LEDGER_LOCK, SHORT_WAIT_NANOS, SHORT_WEIGHT);
            }
            periodWritten.await();
            // Well past the statistics' time bucket: this wait is in no period the agent wrote.
            Thread.sleep(50);
            transfer(LEDGER_LOCK, TAIL_WAIT_NANOS, 1);
        });
        runAs("teller-2", () -> {
            transfer(AUDIT_LOCK, AUDIT_WAIT_NANOS, 1);
            // JFR's view of a wait the agent timed as well: it must count once, from the agent.
            park(Class.forName("java.util.concurrent.locks.ReentrantLock$NonfairSync"), JFR_ONLY_MILLIS);
        });
        runAs("sleeper", () -> Thread.sleep(SLEEP_MILLIS));
        runAs("app-1", () -> {
            enter(Class.forName("jdk.jfr.internal.PlatformRecorder"), JFR_ONLY_MILLIS);
            enter(java.util.Hashtable.class, 5);
        });
        for (String profilerThread : PROFILER_THREADS) {
            runAs(profilerThread, () -> enter(java.util.Hashtable.class, 2));
        }
        // Statistics of one period, written after every wait so far ended.
        Thread.sleep(20);
        // The period began with the scenario, inside the recording, so it counts whole.
        long periodNanos = System.nanoTime() - periodStartNanos;
        stats(LEDGER_LOCK, String.join("\n", LEDGER_ALLOCATION), periodNanos, LEDGER_STATS_ACQUISITIONS,
                LEDGER_STATS_CONTENDED, LEDGER_STATS_WAIT_NANOS, LEDGER_STATS_HOLD_NANOS, LEDGER_STATS_WAITING_THREADS);
        stats(AUDIT_LOCK, AUDIT_ALLOCATION, periodNanos, 10, 1, AUDIT_WAIT_NANOS, MS, 1);
        periodWritten.countDown();
        teller1.join();
    }

    static void transfer(long lockId, long waitNanos, int weight) {
        FakeLockAdviceHelper.recordWait(lockId, LOCK_CLASS, waitNanos, weight);
    }

    static void audit(long lockId, long waitNanos, int weight) {
        FakeLockAdviceHelper.recordWait(lockId, LOCK_CLASS, waitNanos, weight);
    }

    private static void stats(long lockId, String allocationSite, long periodNanos, long acquisitions, long contended,
            long waitNanos, long holdNanos, int waitingThreads) {
        SyntheticEvents.LockStats event = new SyntheticEvents.LockStats();
        event.lockId = lockId;
        event.lockClass = LOCK_CLASS;
        event.allocationSite = allocationSite;
        event.periodNanos = periodNanos;
        event.acquisitions = acquisitions;
        event.contendedAcquisitions = contended;
        event.waitNanos = waitNanos;
        event.holdNanos = holdNanos;
        event.holdSampleRate = 64;
        event.waitingThreads = waitingThreads;
        event.commit();
    }

    private static void park(Class<?> blocker, long millis) {
        SyntheticEvents.ThreadPark event = new SyntheticEvents.ThreadPark();
        event.begin();
        spin(millis);
        event.parkedClass = blocker;
        event.commit();
    }

    private static void enter(Class<?> monitorClass, long millis) {
        SyntheticEvents.MonitorEnter event = new SyntheticEvents.MonitorEnter();
        event.begin();
        spin(millis);
        event.monitorClass = monitorClass;
        event.commit();
    }

    // Passes time without a sleep or a park, which JFR would record as the thread's waiting.
    private static void spin(long millis) {
        long deadline = System.nanoTime() + millis * MS;
        while (System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    /** What a scripted thread does. */
    @FunctionalInterface
    private interface Script {
        void run() throws Exception;
    }

    private static void runAs(String threadName, Script script) throws Exception {
        start(threadName, script).join();
        if (!FAILURES.isEmpty()) {
            throw FAILURES.get(0);
        }
    }

    private static Thread start(String threadName, Script script) {
        Thread thread = new Thread(() -> {
            try {
                script.run();
            } catch (Exception e) {
                FAILURES.add(e);
            }
        }, threadName);
        thread.start();
        return thread;
    }

    private AgentScenario() {}
}
