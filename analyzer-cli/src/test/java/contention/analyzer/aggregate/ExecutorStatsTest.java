// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import contention.analyzer.model.Executor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Aggregation of the agent's executor events into one {@link Executor} per pool. */
class ExecutorStatsTest {

    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;
    private static final long T0 = 1_700_000_000_000L * MS;
    private static final String TPE = "java.util.concurrent.ThreadPoolExecutor";
    private static final String SUBMIT_SITE = "com.acme.Resizer.submit(Resizer.java:22)";
    private static final String OTHER_SITE = "com.acme.Thumbs.submit(Thumbs.java:9)";
    private static final String GET_SITE = "com.acme.Resizer.resize(Resizer.java:40)";

    @Test
    void totalsPercentilesAndParallelismOverTheTimeThePoolWasSeen() {
        ProfileBuilder builder = recording(3_000);
        // Two 1 s periods: 4 threads, 3.5 s then 4 s of task time; queue waits ~4.6 us x3, ~1 ms x1.
        builder.executorStats(period(1, "resize", 4, 4, T0 + SECOND, 100, 90, 0, 5, 4, 4, 3_500 * MS, "0:12,9:3,40:1",
                "60:90"));
        builder.executorStats(period(1, "resize", 4, 4, T0 + 2 * SECOND, 120, 100, 2, 30, 4, 4, 4_000 * MS, "40:10",
                "60:100"));

        Executor pool = builder.build().executors().get(0);

        assertThat(pool.name()).isEqualTo("resize");
        assertThat(pool.className()).isEqualTo(TPE);
        assertThat(pool.creationSite()).isEqualTo("com.acme.Resizer.<init>(Resizer.java:12)");
        assertThat(pool.submitted()).isEqualTo(220);
        assertThat(pool.completed()).isEqualTo(190);
        assertThat(pool.rejected()).isEqualTo(2);
        assertThat(pool.busyNanos()).isEqualTo(7_500 * MS);
        assertThat(pool.seenNanos()).isEqualTo(2 * SECOND);
        assertThat(pool.effectiveParallelism()).isCloseTo(3.75, within(1e-9));
        assertThat(pool.coreThreads()).isEqualTo(4);
        assertThat(pool.maxThreads()).isEqualTo(4);
        assertThat(pool.largestPoolSize()).isEqualTo(4);
        assertThat(pool.threadLimit()).isEqualTo(4);
        assertThat(pool.queueWait().count()).isEqualTo(26);
        assertThat(pool.queueWait().p50Nanos()).isEqualTo(BucketHistograms.midpoint(9));
        assertThat(pool.queueWait().p99Nanos()).isEqualTo(BucketHistograms.midpoint(40));
        assertThat(pool.queueWait().maxNanos()).isEqualTo(BucketHistograms.midpoint(40));
        assertThat(pool.runTime().count()).isEqualTo(190);
        assertThat(pool.runTime().p50Nanos()).isEqualTo(BucketHistograms.midpoint(60));
        assertThat(pool.periods()).extracting(Executor.Period::queueDepth).containsExactly(5, 30);
        assertThat(pool.maxQueueDepth()).isEqualTo(30);
        // Both periods ended with all 4 threads active and tasks queued.
        assertThat(pool.allBusyShare()).isEqualTo(1.0);
    }

    @Test
    void submitSitesAreWeightedAndAgentAndJdkFramesAreTheReadersToSkip() {
        ProfileBuilder builder = recording(1_000);
        builder.executorStats(period(1, "resize", 4, 4, T0 + SECOND, 10, 10, 0, 0, 4, 1, SECOND, "", ""));
        builder.taskSubmit(1, "resize", 64, SUBMIT_SITE);
        builder.taskSubmit(1, "resize", 64, SUBMIT_SITE);
        builder.taskSubmit(1, "resize", 64, OTHER_SITE);
        builder.taskSubmit(1, "resize", 64, null);

        Executor pool = builder.build().executors().get(0);

        assertThat(pool.submitSites()).containsExactly(new Executor.SubmitSite(SUBMIT_SITE, 128),
                new Executor.SubmitSite(OTHER_SITE, 64));
        assertThat(pool.ref().submitSite()).isEqualTo(SUBMIT_SITE);
    }

    @Test
    void blockedWaitsByAwaitedPoolMethodSiteAndThread() {
        ProfileBuilder builder = recording(1_000);
        ThreadStats worker1 = builder.thread(11, "resize-1", false);
        ThreadStats worker2 = builder.thread(12, "resize-2", false);
        builder.executorStats(period(1, "resize", 2, 2, T0 + SECOND, 10, 10, 0, 0, 2, 2, SECOND, "", ""));
        List<String> stack = List.of("java.util.concurrent.FutureTask.get(FutureTask.java:191)", GET_SITE);
        builder.poolBlocked(worker1, 1, "resize", 1, "java.util.concurrent.FutureTask.get", 300 * MS, stack, GET_SITE);
        builder.poolBlocked(worker2, 1, "resize", 1, "java.util.concurrent.FutureTask.get", 100 * MS, stack, GET_SITE);
        builder.poolBlocked(worker2, 1, "resize", -1, "java.util.concurrent.CompletableFuture.join", 50 * MS, List.of(),
                null);
        builder.poolBlocked(worker1, 1, "resize", 7, null, 20 * MS, List.of(), null);

        Executor pool = builder.build().executors().get(0);

        assertThat(pool.blockedNanos()).isEqualTo(470 * MS);
        assertThat(pool.blockedWaits()).containsExactly(
                new Executor.BlockedWait(1, "java.util.concurrent.FutureTask.get", 400 * MS, 2),
                new Executor.BlockedWait(Executor.UNKNOWN, "java.util.concurrent.CompletableFuture.join", 50 * MS, 1),
                new Executor.BlockedWait(7, "unknown", 20 * MS, 1));
        assertThat(pool.blockedSites()).singleElement().satisfies(site -> {
            assertThat(site.frame()).isEqualTo(GET_SITE);
            assertThat(site.waitNanos()).isEqualTo(400 * MS);
            assertThat(site.count()).isEqualTo(2);
            assertThat(site.stack()).isEqualTo(stack);
        });
        assertThat(pool.blockedThreads()).containsExactly("resize-1", "resize-2");
    }

    @Test
    void threadLimitIsTheMaximumOrTheSizeAtWhichThePoolQueuedInsteadOfGrowing() {
        ProfileBuilder builder = recording(1_000);
        // A fixed pool of 4.
        builder.executorStats(period(1, "fixed", 4, 4, T0 + SECOND, 1, 1, 0, 3, 4, 4, SECOND, "", ""));
        // Core 2, max 10, an unbounded queue: it never grows past 2.
        builder.executorStats(period(2, "queued", 2, 10, T0 + SECOND, 1, 1, 0, 8, 2, 2, SECOND, "", ""));
        // A cached pool: no bound.
        builder.executorStats(period(3, "cached", 0, Integer.MAX_VALUE, T0 + SECOND, 1, 1, 0, 0, 7, 7, SECOND, "", ""));
        // Virtual threads: sizes unknown.
        builder.executorStats(period(4, "virtual", -1, -1, T0 + SECOND, 1, 1, 0, 0, 0, 0, SECOND, "", ""));

        Profile profile = builder.build();

        assertThat(executor(profile, "fixed").threadLimit()).isEqualTo(4);
        assertThat(executor(profile, "queued").threadLimit()).isEqualTo(2);
        assertThat(executor(profile, "cached").threadLimit()).isEqualTo(Executor.UNKNOWN);
        assertThat(executor(profile, "cached").bounded()).isFalse();
        assertThat(executor(profile, "virtual").threadLimit()).isEqualTo(Executor.UNKNOWN);
        assertThat(executor(profile, "virtual").coreThreads()).isEqualTo(Executor.UNKNOWN);
    }

    @Test
    void unknownSizesInAPoolsLastEventKeepTheKnownOnes() {
        ProfileBuilder builder = recording(2_000);
        // A single-thread pool flooded, then shut down: the agent's last event no longer knows its sizes.
        builder.executorStats(period(1, "pool-3", 1, 1, T0 + SECOND, 1, 1, 0, 57_433, 1, 1, SECOND, "", ""));
        builder.executorStats(period(1, "pool-3", -1, -1, T0 + 2 * SECOND, 1, 1, 0, 0, 0, 0, SECOND, "", ""));

        Executor pool = builder.build().executors().get(0);

        assertThat(pool.coreThreads()).isEqualTo(1);
        assertThat(pool.maxThreads()).isEqualTo(1);
        assertThat(pool.threadLimit()).isEqualTo(1);
        assertThat(pool.queuedShare()).isEqualTo(0.5);
    }

    @Test
    void periodsComeInTimeOrderAndTheLatestNameWins() {
        ProfileBuilder builder = recording(3_000);
        builder.taskSubmit(1, "ThreadPoolExecutor@com.acme.Main.main(Main.java:3)", 64, SUBMIT_SITE);
        builder.executorStats(period(1, "resize", 4, 4, T0 + 2 * SECOND, 1, 1, 0, 2, 4, 1, SECOND, "", ""));
        builder.executorStats(period(1, "ThreadPoolExecutor@com.acme.Main.main(Main.java:3)", 4, 4, T0 + SECOND, 1, 1,
                0, 1, 4, 1, SECOND, "", ""));

        Executor pool = builder.build().executors().get(0);

        assertThat(pool.name()).isEqualTo("resize");
        assertThat(pool.periods()).extracting(Executor.Period::queueDepth).containsExactly(1, 2);
    }

    @Test
    void periodsBeyondTheCapMergeInPairsAndKeepTheirSums() {
        ProfileBuilder builder = recording(1_000_000);
        int periods = ExecutorStats.MAX_PERIODS + 1;
        for (int i = 1; i <= periods; i++) {
            builder.executorStats(period(1, "resize", 4, 4, T0 + i * SECOND, 1, 1, 0, i, 4, 4, SECOND, "", ""));
        }

        Executor pool = builder.build().executors().get(0);

        assertThat(pool.periods()).hasSizeLessThanOrEqualTo(ExecutorStats.MAX_PERIODS);
        assertThat(pool.periodCount()).isEqualTo(periods);
        assertThat(pool.periods().stream().mapToLong(Executor.Period::busyNanos).sum()).isEqualTo(periods * SECOND);
        assertThat(pool.periods().get(0).periods()).isEqualTo(2);
        assertThat(pool.periods().get(0).queueDepth()).isEqualTo(2);
        assertThat(pool.periods().get(pool.periods().size() - 1).queueDepth()).isEqualTo(periods);
        assertThat(pool.completed()).isEqualTo(periods);
    }

    @Test
    void poolsComeMostBusyFirstAndWorkersAreKnownByName() {
        ProfileBuilder builder = recording(1_000);
        builder.executorStats(period(1, "pool-3", 2, 2, T0 + SECOND, 1, 1, 0, 0, 2, 2, 100 * MS, "", ""));
        builder.executorStats(period(2, "pool-30", 2, 2, T0 + SECOND, 1, 1, 0, 0, 2, 2, 900 * MS, "", ""));

        Profile profile = builder.build();

        assertThat(profile.executors()).extracting(Executor::name).containsExactly("pool-30", "pool-3");
        assertThat(profile.executorOfThread("pool-3-thread-1")).hasValueSatisfying(
                pool -> assertThat(pool.name()).isEqualTo("pool-3"));
        assertThat(profile.executorOfThread("pool-30-thread-1")).hasValueSatisfying(
                pool -> assertThat(pool.name()).isEqualTo("pool-30"));
        assertThat(profile.executorOfThread("pool-300-thread-1")).isEmpty();
        assertThat(profile.executorOfThread("main")).isEmpty();
    }

    private static Executor executor(Profile profile, String name) {
        return profile.executors().stream().filter(pool -> pool.name().equals(name)).findFirst().orElseThrow();
    }

    static ExecutorPeriod period(long poolId, String name, int core, int max, long endEpochNanos, long submitted,
            long completed, long rejected, int queueDepth, int poolSize, int active, long busyNanos,
            String queueWaitHistogram, String runTimeHistogram) {
        return new ExecutorPeriod(poolId, name, TPE, List.of("com.acme.Resizer.<init>(Resizer.java:12)",
                "com.acme.Main.main(Main.java:5)"), core, max, SECOND, submitted, completed, rejected, 0, queueDepth,
                queueDepth, poolSize, active, busyNanos, queueWaitHistogram, runTimeHistogram, endEpochNanos);
    }

    private static ProfileBuilder recording(long millis) {
        ProfileBuilder builder = new ProfileBuilder("x.jfr");
        builder.eventTime(T0, T0 + millis * MS);
        return builder;
    }
}
