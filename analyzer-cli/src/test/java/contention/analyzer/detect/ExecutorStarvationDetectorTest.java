// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.detect;

import static contention.analyzer.testing.PoolBuilder.FUTURE_GET;
import static contention.analyzer.testing.PoolBuilder.MS;
import static contention.analyzer.testing.PoolBuilder.SECOND;
import static contention.analyzer.testing.PoolBuilder.profile;
import static contention.analyzer.testing.PoolBuilder.resize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import contention.analyzer.model.Executor;
import contention.analyzer.model.PoolRef;
import contention.analyzer.read.EventNames;
import contention.analyzer.testing.PoolBuilder;
import contention.analyzer.testing.Profiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The executor-starvation verdict at, just below and just above each threshold, and what the finding says. */
class ExecutorStarvationDetectorTest {

    private static final String CF_JOIN = "java.util.concurrent.CompletableFuture.join";
    private static final String FJ_JOIN = "java.util.concurrent.ForkJoinTask.join";

    private final ExecutorStarvationDetector detector = new ExecutorStarvationDetector();

    // 20 s of task time; workers waited 14 s of it in FutureTask.get for tasks of their own pool (id 1).
    private static PoolBuilder starved() {
        return resize().busyNanos(20 * SECOND).blocked(1, FUTURE_GET, 14 * SECOND, 700);
    }

    @Test
    void poolWaitingForItsOwnTasksIsReportedCritical() {
        List<Finding> findings = detector.detect(profile(starved().build()));

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(FindingKind.EXECUTOR_STARVATION);
            assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(finding.title()).isEqualTo("Pool resize (ThreadPoolExecutor, 4 threads) starves itself: its"
                    + " workers spent 70% of their task time blocked in FutureTask.get waiting for tasks of the same"
                    + " pool, most at com.acme.Resizer.resize(Resizer.java:40)");
            assertThat(finding.pool()).isEqualTo(new PoolRef("resize", PoolBuilder.TPE, PoolBuilder.SUBMIT_SITE));
            assertThat(finding.sites()).extracting(site -> site.frame()).containsExactly(PoolBuilder.GET_SITE);
            assertThat(finding.threads()).containsExactly("resize-1", "resize-2", "resize-3", "resize-4");
            assertThat(finding.metrics().get("selfBlockedShare")).isCloseTo(0.7, within(1e-9));
            assertThat(finding.explanation()).contains("thread-starvation deadlock", "700 times", "14.00 s");
            assertThat(finding.advice()).contains("Don't block a worker of pool resize created at "
                    + PoolBuilder.CREATION_SITE, "at " + PoolBuilder.GET_SITE, "thenCompose", "separate executor",
                    "fork()");
        });
    }

    @Test
    void healthyPoolIsSilent() {
        assertThat(detector.detect(profile(resize().build()))).isEmpty();
    }

    @Test
    void shareThreshold() {
        long atShare = Math.round(ExecutorStarvationDetector.MIN_SELF_BLOCKED_SHARE * 20 * SECOND);
        Executor below = resize().busyNanos(20 * SECOND).blocked(1, FUTURE_GET, atShare - MS, 10).build();
        Executor at = resize().busyNanos(20 * SECOND).blocked(1, FUTURE_GET, atShare, 10).build();

        assertThat(detector.detect(profile(below))).isEmpty();
        assertThat(detector.detect(profile(at))).hasSize(1);
    }

    @Test
    void shortWaitsAreNotReportedHoweverLargeTheirShare() {
        long floor = ExecutorStarvationDetector.MIN_SELF_BLOCKED_NANOS;
        Executor below = resize().busyNanos(floor).blocked(1, FUTURE_GET, floor - 1, 1).build();
        Executor at = resize().busyNanos(floor).blocked(1, FUTURE_GET, floor, 1).build();

        assertThat(detector.detect(profile(below))).isEmpty();
        assertThat(detector.detect(profile(at))).hasSize(1);
    }

    @Test
    void waitsForAnotherPoolAreNotStarvation() {
        Executor feedsOther = resize().busyNanos(20 * SECOND).blocked(2, FUTURE_GET, 14 * SECOND, 700).build();

        assertThat(detector.detect(profile(feedsOther))).isEmpty();
    }

    @Test
    void waitsForAnUnknownPoolCountOnlyInABoundedPool() {
        Executor bounded = resize().busyNanos(20 * SECOND).blocked(Executor.UNKNOWN, FUTURE_GET, 14 * SECOND, 7)
                .build();
        Executor cached = resize().threads(4, Executor.UNKNOWN).busyNanos(20 * SECOND)
                .blocked(Executor.UNKNOWN, FUTURE_GET, 14 * SECOND, 7).build();

        assertThat(detector.detect(profile(bounded))).singleElement()
                .satisfies(finding -> assertThat(finding.explanation()).contains("could not tell"));
        assertThat(detector.detect(profile(cached))).isEmpty();
    }

    @Test
    void commonPoolWorkersJoiningCompletableFuturesStarveIt() {
        Executor common = resize().id(5).name("ForkJoinPool.commonPool").className(PoolBuilder.FJP).threads(3, 3)
                .busyNanos(10 * SECOND).blocked(Executor.UNKNOWN, CF_JOIN, 8 * SECOND, 40).build();

        assertThat(detector.detect(profile(common))).singleElement().satisfies(finding -> {
            assertThat(finding.title()).startsWith("Pool ForkJoinPool.commonPool (ForkJoinPool, 3 threads) starves"
                    + " itself").contains("CompletableFuture.join");
            assertThat(finding.explanation()).contains("shared by parallel streams");
        });
    }

    @Test
    void forkJoinJoinsInAForkJoinPoolAreWorkStealingNotStarvation() {
        Executor recursive = resize().id(5).name("ForkJoinPool-1").className(PoolBuilder.FJP)
                .busyNanos(10 * SECOND).blocked(5, FJ_JOIN, 8 * SECOND, 4_000).build();

        assertThat(detector.detect(profile(recursive))).isEmpty();
    }

    @Test
    void theBucketOfOtherPoolsIsNotJudged() {
        Executor others = starved().id(Executor.OTHER_POOLS).name("[other pools]")
                .blocked(Executor.OTHER_POOLS, FUTURE_GET, 14 * SECOND, 700).build();

        assertThat(detector.detect(profile(others))).isEmpty();
    }

    @Test
    void methodsAreShortenedToClassAndMethod() {
        assertThat(ExecutorStarvationDetector.shortMethod(FUTURE_GET)).isEqualTo("FutureTask.get");
        assertThat(ExecutorStarvationDetector.shortMethod("unknown")).isEqualTo("unknown");
    }

    @Test
    void withoutPoolBlockedEventsTheKindIsNotCheckedRatherThanClean() {
        Analysis analysis = Detectors.analyze(Profiles.lockProfile(5 * SECOND, 4, 10 * SECOND), List.of(detector));

        assertThat(analysis.findings()).isEmpty();
        assertThat(analysis.notChecked()).containsExactly(new NotChecked(FindingKind.EXECUTOR_STARVATION,
                List.of(EventNames.EXECUTOR_STATS, EventNames.POOL_BLOCKED)));
    }
}
