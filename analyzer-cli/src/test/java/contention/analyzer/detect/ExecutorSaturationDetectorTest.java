// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.detect;

import static contention.analyzer.testing.PoolBuilder.MS;
import static contention.analyzer.testing.PoolBuilder.SECOND;
import static contention.analyzer.testing.PoolBuilder.latency;
import static contention.analyzer.testing.PoolBuilder.profile;
import static contention.analyzer.testing.PoolBuilder.resize;
import static org.assertj.core.api.Assertions.assertThat;

import contention.analyzer.aggregate.Profile;
import contention.analyzer.model.Executor;
import contention.analyzer.model.PoolRef;
import contention.analyzer.read.EventNames;
import contention.analyzer.testing.PoolBuilder;
import contention.analyzer.testing.Profiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The executor-saturation verdict at, just below and just above each threshold, and what the finding says. */
class ExecutorSaturationDetectorTest {

    private final ExecutorSaturationDetector detector = new ExecutorSaturationDetector();

    // Every thread busy, tasks queue 120 ms for 15 ms of run time, the queue growing from 10 to 100.
    private static PoolBuilder saturated() {
        return resize().parallelism(3.9).allBusyPeriods(10)
                .queueWait(latency(120 * MS, 480 * MS, 900 * MS))
                .runTime(latency(15 * MS, 40 * MS, 60 * MS))
                .queueDepth(10, 100);
    }

    @Test
    void saturatedPoolIsReportedWithItsNumbersAndWhereItIsFed() {
        List<Finding> findings = detector.detect(profile(saturated().build()));

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(FindingKind.EXECUTOR_SATURATION);
            assertThat(finding.severity()).isEqualTo(ExecutorSaturationDetector.SEVERITY);
            assertThat(finding.title()).isEqualTo("Pool resize (ThreadPoolExecutor) is saturated: all 4 threads busy,"
                    + " tasks waited 126 ms in its queue (p99 503 ms) for 15.7 ms of run time,"
                    + " submitted at com.acme.Resizer.submit(Resizer.java:22)");
            assertThat(finding.pool()).isEqualTo(new PoolRef("resize", PoolBuilder.TPE, PoolBuilder.SUBMIT_SITE));
            assertThat(finding.explanation()).contains("3.9 tasks at a time", "up to 100 tasks, and its mean depth grew from 20 in the first third of the recording to 90 in the last");
            assertThat(finding.advice()).contains("Bound the queue of pool resize created at "
                    + PoolBuilder.CREATION_SITE, PoolBuilder.SUBMIT_SITE, "CallerRunsPolicy", "Semaphore",
                    "as many threads as cores (8 here)", "I/O-bound", "separate pool");
            assertThat(finding.metrics()).containsEntry("threads", 4.0).containsEntry("maxQueueDepth", 100.0)
                    .containsKeys("effectiveParallelism", "queueWaitP50Ms", "runTimeP50Ms", "rejected");
            assertThat(finding.threads()).containsExactly("resize-1", "resize-2", "resize-3", "resize-4");
            assertThat(finding.lock()).isNull();
        });
    }

    @Test
    void rejectionsMakeItCritical() {
        Finding finding = detector.detect(profile(saturated().rejected(37).build())).get(0);

        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(finding.title()).contains(", 37 tasks rejected,");
        assertThat(finding.explanation()).contains("It rejected 37 tasks");
    }

    @Test
    void healthyPoolIsSilent() {
        assertThat(detector.detect(profile(resize().build()))).isEmpty();
    }

    @Test
    void busyThreadsWithoutQueueingAreNotSaturation() {
        // Fully busy, but tasks wait less than twice their run time and the queue stays flat.
        Executor busy = saturated().queueWait(latency(25 * MS, 60 * MS, 90 * MS)).queueDepth(5, 5).build();

        assertThat(busy.queueWait().p50Nanos()).isLessThan(2 * busy.runTime().p50Nanos());
        assertThat(detector.detect(profile(busy))).isEmpty();
    }

    @Test
    void queueingWithoutBusyThreadsIsNotSaturation() {
        // No tasks left in the queue at the ends of periods: only parallelism and the busy periods decide.
        Executor justBelow = saturated().queueDepth(0, 0)
                .parallelism(4 * ExecutorSaturationDetector.MIN_PARALLELISM_SHARE - 0.01).allBusyPeriods(4).build();
        Executor byParallelism = saturated().queueDepth(0, 0)
                .parallelism(4 * ExecutorSaturationDetector.MIN_PARALLELISM_SHARE).allBusyPeriods(0).build();
        Executor byPeriods = saturated().queueDepth(0, 0).parallelism(2.0).allBusyPeriods(5).build();

        assertThat(detector.detect(profile(justBelow))).isEmpty();
        assertThat(detector.detect(profile(byParallelism))).hasSize(1);
        assertThat(detector.detect(profile(byPeriods))).hasSize(1);
    }

    @Test
    void tasksLeftInTheQueueAtMostPeriodEndsMeanNoThreadWasFree() {
        // Tiny tasks: run time sums to 0.1 threads and no period ended with every thread active, yet work queued.
        PoolBuilder tiny = saturated().parallelism(0.1).allBusyPeriods(0)
                .queueWait(latency(4 * MS, 8 * MS, 12 * MS)).runTime(latency(500, 1_000, 2_000));
        Executor queuedMost = tiny.queuedPeriods(5, 20_000).build();
        Executor queuedFew = saturated().parallelism(0.1).allBusyPeriods(0).queueWait(latency(4 * MS, 8 * MS, 12 * MS))
                .runTime(latency(500, 1_000, 2_000)).queuedPeriods(4, 20_000).build();
        Executor scheduled = saturated().parallelism(0.1).allBusyPeriods(0).queueWait(latency(4 * MS, 8 * MS, 12 * MS))
                .runTime(latency(500, 1_000, 2_000)).queuedPeriods(10, 3)
                .className("java.util.concurrent.ScheduledThreadPoolExecutor").build();

        assertThat(detector.detect(profile(queuedMost))).singleElement().satisfies(finding ->
                assertThat(finding.explanation()).startsWith("Tasks were still waiting in its queue at the end of 50%"
                        + " of its periods, so no thread was free to take them"));
        assertThat(detector.detect(profile(queuedFew))).isEmpty();
        assertThat(detector.detect(profile(scheduled))).isEmpty();
    }

    @Test
    void queueWaitRatioThreshold() {
        // Run time 15 ms snaps to 15.7 ms (its bucket midpoint); queue waits either side of twice that.
        Executor below = saturated().queueDepth(5, 5).queueWait(latency(26 * MS, 60 * MS, 90 * MS)).build();
        Executor above = saturated().queueDepth(5, 5).queueWait(latency(31 * MS, 60 * MS, 90 * MS)).build();

        assertThat((double) below.queueWait().p50Nanos())
                .isLessThan(ExecutorSaturationDetector.MIN_QUEUE_TO_RUN_RATIO * below.runTime().p50Nanos());
        assertThat((double) above.queueWait().p50Nanos())
                .isGreaterThanOrEqualTo(ExecutorSaturationDetector.MIN_QUEUE_TO_RUN_RATIO * above.runTime().p50Nanos());
        assertThat(detector.detect(profile(below))).isEmpty();
        assertThat(detector.detect(profile(above))).hasSize(1);
    }

    @Test
    void tinyQueueWaitsAreNotReportedHoweverTheyCompare() {
        Executor micro = saturated().queueDepth(5, 5).queueWait(latency(500_000, 900_000, 2 * MS))
                .runTime(latency(20_000, 40_000, 60_000)).build();

        assertThat(detector.detect(profile(micro))).isEmpty();
    }

    @Test
    void aGrowingQueueIsEnoughWithoutQueueWaitSamples() {
        Executor growing = saturated().queueWait(Executor.Latency.NONE).queueDepth(0, 50).build();
        Executor flat = saturated().queueWait(Executor.Latency.NONE).queueDepth(40, 45).build();

        assertThat(detector.detect(profile(growing))).singleElement()
                .satisfies(finding -> assertThat(finding.title()).contains("its queue grew to 50 tasks"));
        assertThat(detector.detect(profile(flat))).isEmpty();
    }

    @Test
    void aQueueCaughtMidBurstAtOnePeriodsEndIsNotAGrowingBacklog() {
        // Empty at the end of 7 of 10 periods, 40 queued at the end of the last 3: "grew", but no backlog.
        Executor burst = saturated().queueWait(Executor.Latency.NONE).parallelism(3.0).queuedLastPeriods(3, 40)
                .build();
        Executor backlog = saturated().queueWait(Executor.Latency.NONE).parallelism(3.0).queuedLastPeriods(5, 40)
                .build();

        assertThat(ExecutorSaturationDetector.QueueTrend.of(burst).growing()).isTrue();
        assertThat(detector.detect(profile(burst))).isEmpty();
        assertThat(detector.detect(profile(backlog))).singleElement()
                .satisfies(finding -> assertThat(finding.title()).contains("its queue grew to 40 tasks"));
    }

    @Test
    void unboundedPoolsAndTheBucketOfOtherPoolsAreNotJudged() {
        Executor cached = saturated().threads(40, Executor.UNKNOWN).build();
        Executor others = saturated().id(Executor.OTHER_POOLS).name("[other pools]").build();

        assertThat(detector.detect(profile(cached))).isEmpty();
        assertThat(detector.detect(profile(others))).isEmpty();
    }

    @Test
    void aPoolThatDidLittleWorkIsNotJudged() {
        Executor idle = saturated().busyNanos(ExecutorSaturationDetector.MIN_BUSY_NANOS - 1).allBusyPeriods(4)
                .queuedPeriods(4, 10).build();

        assertThat(detector.detect(profile(idle))).isEmpty();
    }

    @Test
    void aStuckPoolThatFinishesNothingIsSaturated() {
        // Every worker holds a task that never ends; submits keep piling up, and no task is ever dequeued.
        Executor stuck = saturated().busyNanos(0).completed(0).allBusyPeriods(10).queueWait(Executor.Latency.NONE)
                .runTime(Executor.Latency.NONE).queueDepth(4, 60).build();

        assertThat(detector.detect(profile(stuck))).singleElement().satisfies(finding -> {
            assertThat(finding.title()).contains("all 4 threads busy, its queue grew to 60 tasks");
            assertThat(finding.explanation()).startsWith("No task finished in the recording");
        });
    }

    @Test
    void forkJoinPoolAdviceLimitsTasksInFlight() {
        Executor common = saturated().name("ForkJoinPool.commonPool").className(PoolBuilder.FJP).build();

        assertThat(detector.detect(profile(common)).get(0).advice())
                .contains("Limit the tasks in flight in pool ForkJoinPool.commonPool", "Semaphore", "common pool");
    }

    @Test
    void withoutExecutorStatsTheKindIsNotCheckedRatherThanClean() {
        Profile noAgent = Profiles.lockProfile(5 * SECOND, 4, 10 * SECOND);

        Analysis analysis = Detectors.analyze(noAgent, List.of(detector));

        assertThat(analysis.findings()).isEmpty();
        assertThat(analysis.notChecked()).containsExactly(
                new NotChecked(FindingKind.EXECUTOR_SATURATION, List.of(EventNames.EXECUTOR_STATS)));
    }
}
