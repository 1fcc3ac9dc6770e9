// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.testing;

import contention.agent.fake.FakeExecutorAdviceHelper;

/**
 * A scripted recording of the agent's executor events: two periods of one pool's statistics, weighted submits
 * from two sites through the "agent", and a worker's wait for a task of its own pool. Tests assert the numbers
 * below.
 */
public final class ExecutorScenario {

    public static final long POOL_ID = 7;
    public static final String POOL_NAME = "resize";
    public static final String POOL_CLASS = "java.util.concurrent.ThreadPoolExecutor";
    public static final String CREATION_SITE = "com.acme.Resizer.<init>(Resizer.java:12)";
    public static final long PERIOD_NANOS = 1_000_000_000L;
    public static final long BUSY_NANOS_EACH = 900_000_000L;

    /** Call sites, as frames start; the line numbers follow this file. */
    public static final String SUBMIT_SITE = "contention.analyzer.testing.ExecutorScenario.submit(ExecutorScenario.java:";
    public static final String OTHER_SUBMIT_SITE =
            "contention.analyzer.testing.ExecutorScenario.submitOther(ExecutorScenario.java:";
    public static final String GET_SITE = "contention.analyzer.testing.ExecutorScenario.awaitInner(ExecutorScenario.java:";

    public static final int SUBMITS = 3;
    public static final int OTHER_SUBMITS = 1;
    public static final int WEIGHT = 64;
    public static final long BLOCKED_MILLIS = 20;
    public static final String METHOD = "java.util.concurrent.FutureTask.get";

    /** Runs the scenario; call while a recording with {@link SyntheticEvents#EXECUTOR_NAMES} enabled runs. */
    public static void run() throws Exception {
        for (int i = 0; i < SUBMITS; i++) {
            submit();
        }
        submitOther();
        Thread worker = new Thread(ExecutorScenario::awaitInner, POOL_NAME + "-1");
        worker.start();
        worker.join();
        stats(2, 4, "0:12,9:3,40:1", "60:2");
        // Periods are told apart by their end time.
        Thread.sleep(5);
        stats(30, 4, "40:10", "60:3");
        // A pool known only from the statistics' bare minimum: every other field is left at its default.
        SyntheticEvents.ExecutorStats bare = new SyntheticEvents.ExecutorStats();
        bare.poolId = 8;
        bare.commit();
    }

    static void submit() {
        FakeExecutorAdviceHelper.recordSubmit(POOL_ID, POOL_NAME, WEIGHT);
    }

    static void submitOther() {
        FakeExecutorAdviceHelper.recordSubmit(POOL_ID, POOL_NAME, WEIGHT);
    }

    static void awaitInner() {
        FakeExecutorAdviceHelper.recordBlocked(POOL_ID, POOL_NAME, POOL_ID, METHOD, BLOCKED_MILLIS);
    }

    private static void stats(int queueDepth, int active, String queueWait, String runTime) {
        SyntheticEvents.ExecutorStats event = new SyntheticEvents.ExecutorStats();
        event.poolId = POOL_ID;
        event.poolName = POOL_NAME;
        event.poolClass = POOL_CLASS;
        event.creationSite = CREATION_SITE + "\ncom.acme.Main.main(Main.java:5)";
        event.corePoolSize = 4;
        event.maximumPoolSize = 4;
        event.periodNanos = PERIOD_NANOS;
        event.submitted = 10;
        event.completed = 8;
        event.rejected = 1;
        event.queueDepth = queueDepth;
        event.maxQueueDepth = queueDepth + 1;
        event.poolSize = 4;
        event.activeThreads = active;
        event.busyNanos = BUSY_NANOS_EACH;
        event.queueWaitSampleRate = 8;
        event.queueWaitHistogram = queueWait;
        event.runTimeHistogram = runTime;
        event.commit();
    }

    private ExecutorScenario() {}
}
