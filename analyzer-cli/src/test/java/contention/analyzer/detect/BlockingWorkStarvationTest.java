// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.detect;

import static contention.analyzer.testing.PoolBuilder.FJP;
import static contention.analyzer.testing.PoolBuilder.FUTURE_GET;
import static contention.analyzer.testing.PoolBuilder.MS;
import static contention.analyzer.testing.PoolBuilder.SECOND;
import static contention.analyzer.testing.PoolBuilder.latency;
import static contention.analyzer.testing.PoolBuilder.resize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import contention.analyzer.aggregate.Profile;
import contention.analyzer.model.CallSite;
import contention.analyzer.model.Executor;
import contention.analyzer.model.PoolRef;
import contention.analyzer.model.ThreadActivity;
import contention.analyzer.testing.PoolBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The executor-starvation rule for pools starved by blocking work ({@link BlockingWorkStarvation}), through the
 * detector: fires and stays silent at each threshold, and what the finding says.
 */
class BlockingWorkStarvationTest {

    private static final String COMMON = "ForkJoinPool.commonPool";
    private static final String FETCH = "com.acme.Crawler.fetch(Crawler.java:22)";
    private static final List<String> SLEEP_STACK = List.of("java.lang.Thread.sleep(Thread.java)", FETCH,
            "java.util.concurrent.ForkJoinTask.doExec(ForkJoinTask.java:373)");
    private static final String PARSE = "com.acme.Crawler.parse(Crawler.java:40)";
    private static final List<String> READ_STACK = List.of("java.net.SocketInputStream.read(SocketInputStream.java:68)",
            PARSE);

    private final ExecutorStarvationDetector detector = new ExecutorStarvationDetector();

    // The common pool of 3 threads, 10 s: 15 s of task time, tasks queued at the end of 8 of 10 periods, waiting
    // 5 ms at the median and 60 ms at p99.
    private static PoolBuilder commonPool() {
        return resize().name(COMMON).className(FJP).threads(3, 3).busyNanos(15 * SECOND)
                .queuedPeriods(8, 6).queueWait(latency(5 * MS, 60 * MS, 100 * MS))
                .runTime(latency(5 * MS, 50 * MS, 70 * MS));
    }

    /** Each of the pool's workers waited {@code taskWaitEach} inside tasks, at FETCH (3/4) and PARSE (1/4). */
    private static Profile profile(Executor executor, long taskWaitEach, ThreadActivity... others) {
        List<ThreadActivity> threads = new ArrayList<>();
        for (int i = 1; i <= executor.largestPoolSize(); i++) {
            long fetch = taskWaitEach * 3 / 4;
            List<CallSite> sites = taskWaitEach == 0 ? List.of() : List.of(
                    new CallSite(FETCH, fetch, 100, SLEEP_STACK),
                    new CallSite(PARSE, taskWaitEach - fetch, 10, READ_STACK));
            threads.add(new ThreadActivity(100 + i, executor.name() + "-worker-" + i, false, 0,
                    taskWaitEach + SECOND, SECOND / 10, 10 * SECOND, taskWaitEach, sites));
        }
        threads.addAll(List.of(others));
        return new Profile(PoolBuilder.recording(), List.of(), threads, List.of(), List.of(executor));
    }

    @Test
    void commonPoolBlockedBySleepsWhileTasksQueueIsReportedCritical() {
        List<Finding> findings = detector.detect(profile(commonPool().build(), 4 * SECOND));

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(FindingKind.EXECUTOR_STARVATION);
            assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(finding.title()).isEqualTo("Pool ForkJoinPool.commonPool (ForkJoinPool, 3 threads) is starved"
                    + " by blocking work: its workers spent 80% of their task time blocked or sleeping instead of on a"
                    + " CPU, while tasks waited 4.72 ms in its queue (p99 62.9 ms), most at " + FETCH);
            assertThat(finding.pool()).isEqualTo(new PoolRef(COMMON, FJP, PoolBuilder.SUBMIT_SITE));
            assertThat(finding.sites()).extracting(CallSite::frame).containsExactly(FETCH, PARSE);
            assertThat(finding.sites().get(0).waitNanos()).isEqualTo(9 * SECOND);
            assertThat(finding.sites().get(0).count()).isEqualTo(300);
            assertThat(finding.sites().get(0).stack()).isEqualTo(SLEEP_STACK);
            assertThat(finding.threads()).containsExactly(COMMON + "-worker-1", COMMON + "-worker-2",
                    COMMON + "-worker-3");
            assertThat(finding.metrics().get("workerTaskWaitShare")).isCloseTo(0.8, within(1e-9));
            assertThat(finding.metrics().get("workerTaskWaitMs")).isCloseTo(12_000, within(1e-6));
            assertThat(finding.metrics().get("queuedPeriodShare")).isCloseTo(0.8, within(1e-9));
            assertThat(finding.metrics()).containsKeys("queueWaitP50Ms", "queueWaitP99Ms", "threads");
            assertThat(finding.explanation()).contains("12.00 s", "15.00 s", "80% of its periods", "(in Thread.sleep)",
                    "75% of that time", "submitted mostly at " + PoolBuilder.SUBMIT_SITE,
                    "shared by parallel streams and CompletableFuture.*Async");
            assertThat(finding.advice()).contains("Move the blocking I/O (at " + FETCH + ") off pool " + COMMON,
                    "dedicated pool sized for I/O", "virtual threads on JDK 21+", "CompletableFuture.supplyAsync",
                    "keep the common pool for CPU-bound work", "ForkJoinPool.managedBlock");
        });
    }

    @Test
    void anOrdinaryPoolIsAWarningWithoutForkJoinAdvice() {
        Executor pool = commonPool().name("fetch").className(PoolBuilder.TPE).build();

        assertThat(detector.detect(profile(pool, 4 * SECOND))).singleElement().satisfies(finding -> {
            assertThat(finding.severity()).isEqualTo(Severity.WARNING);
            assertThat(finding.title()).startsWith("Pool fetch (ThreadPoolExecutor, 3 threads) is starved by blocking");
            assertThat(finding.explanation()).doesNotContain("common pool");
            assertThat(finding.advice()).contains("dedicated pool sized for I/O", "CPU-bound work")
                    .doesNotContain("managedBlock");
        });
    }

    @Test
    void workerTaskWaitShareThreshold() {
        // 3 workers x each = share x 15 s of task time.
        long atShare = Math.round(BlockingWorkStarvation.MIN_WORKER_TASK_WAIT_SHARE * 15 * SECOND / 3);

        assertThat(detector.detect(profile(commonPool().build(), atShare - MS))).isEmpty();
        assertThat(detector.detect(profile(commonPool().build(), atShare))).hasSize(1);
    }

    @Test
    void queuedPeriodShareThreshold() {
        int atShare = (int) Math.round(BlockingWorkStarvation.MIN_QUEUED_PERIOD_SHARE * 10);

        assertThat(detector.detect(profile(commonPool().queuedPeriods(atShare - 1, 6).build(), 4 * SECOND)))
                .isEmpty();
        assertThat(detector.detect(profile(commonPool().queuedPeriods(atShare, 6).build(), 4 * SECOND))).hasSize(1);
    }

    @Test
    void shortQueueWaitsAreNotStarvation() {
        long floor = BlockingWorkStarvation.MIN_QUEUE_WAIT_NANOS;
        Executor below = commonPool().queueWait(latency(floor * 9 / 10, 60 * MS, 100 * MS)).build();
        Executor above = commonPool().queueWait(latency(floor * 12 / 10, 60 * MS, 100 * MS)).build();
        Executor unknown = commonPool().queueWait(Executor.Latency.NONE).build();

        assertThat(below.queueWait().p50Nanos()).isLessThan(floor);
        assertThat(above.queueWait().p50Nanos()).isGreaterThanOrEqualTo(floor);
        assertThat(detector.detect(profile(below, 4 * SECOND))).isEmpty();
        assertThat(detector.detect(profile(above, 4 * SECOND))).hasSize(1);
        assertThat(detector.detect(profile(unknown, 4 * SECOND))).hasSize(1);
    }

    @Test
    void shortWaitsAreNotReportedHoweverLargeTheirShare() {
        long floor = BlockingWorkStarvation.MIN_TASK_WAIT_NANOS;
        // 3 workers; task time equal to their waits, so the share is 1.
        Executor pool = commonPool().busyNanos(floor).build();

        assertThat(detector.detect(profile(pool, floor / 3 - 1))).isEmpty();
        assertThat(detector.detect(profile(pool, floor / 3 + 1))).hasSize(1);
    }

    @Test
    void aPoolSizedForItsWaitsWhoseQueueStaysEmptyIsSilent() {
        // The fixed crawl sample: 32 threads that sleep nearly all their task time, queue empty at most period ends.
        Executor crawl = resize().name("crawl").threads(32, 32).busyNanos(290 * SECOND / 10).queuedPeriods(2, 1)
                .queueWait(latency(MS / 10, 2 * MS, 6 * MS)).build();

        assertThat(detector.detect(profile(crawl, 9 * SECOND / 10 * 9))).isEmpty();
    }

    @Test
    void idleWorkersParkedForWorkAreNotBlockingWork() {
        // Waiting a lot (the idle parks) but no wait inside tasks.
        assertThat(detector.detect(profile(commonPool().build(), 0))).isEmpty();
    }

    @Test
    void onlyThePoolsOwnWorkersCount() {
        ThreadActivity crawler = new ThreadActivity(7, "crawler-1", false, 0, 9 * SECOND, SECOND / 10,
                10 * SECOND, 9 * SECOND, List.of(new CallSite(FETCH, 9 * SECOND, 900, SLEEP_STACK)));

        assertThat(detector.detect(profile(commonPool().build(), SECOND, crawler))).isEmpty();
    }

    @Test
    void unboundedAndScheduledPoolsAreNotJudged() {
        Executor cached = commonPool().name("cached").className(PoolBuilder.TPE)
                .threads(3, Executor.UNKNOWN).build();
        Executor scheduled = commonPool().name("timer")
                .className("java.util.concurrent.ScheduledThreadPoolExecutor").build();

        assertThat(detector.detect(profile(cached, 4 * SECOND))).isEmpty();
        assertThat(detector.detect(profile(scheduled, 4 * SECOND))).isEmpty();
    }

    @Test
    void aPoolWaitingForItsOwnTasksGetsOnlyThatFinding() {
        Executor both = commonPool().name("resize").className(PoolBuilder.TPE)
                .blocked(1, FUTURE_GET, 10 * SECOND, 500).build();

        assertThat(detector.detect(profile(both, 4 * SECOND))).singleElement()
                .satisfies(finding -> assertThat(finding.title()).contains("starves itself"));
    }
}
