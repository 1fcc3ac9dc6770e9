// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.it;

import static contention.it.ExecutorReports.executor;
import static contention.it.ExecutorReports.executorFindings;
import static contention.it.ExecutorReports.number;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import contention.it.support.Analyzer;
import contention.it.support.ChildJvm;
import contention.it.support.TestJdk;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An image-resize service that queues uploads' resizes for two threads faster than they resize, through an
 * unbounded queue, is reported as a saturated executor: the pool {@code resize}, its class and the submit site in
 * {@code ResizeService.upload}, with its tasks waiting longer in the queue than they run. The twin with a bounded
 * queue and caller-runs back-pressure gets no executor finding. The app's own behaviour with the agent is checked
 * first, so that it holds whatever the report says.
 */
class ExecutorSaturationIT {

    static final String SAMPLE = "contention.samples.resize.ResizeApp";
    static final String FIXED = "contention.samples.resize.ResizeFixedApp";
    static final String POOL = "resize";
    static final String POOL_CLASS = "java.util.concurrent.ThreadPoolExecutor";
    static final String SUBMIT_SITE = "contention.samples.resize.ResizeService.upload(ResizeService.java:";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void unboundedQueueForTwoThreadsIsASaturatedExecutor(TestJdk jdk) throws Exception {
        Path recording = dir.resolve("resize.jfr");
        ChildJvm.Result run = ChildJvm.on(jdk, dir).record(recording, SAMPLE, "4s", "4");
        assertThat(run.stdout).as("%s", run).contains("resize submitted=").contains("workers=2")
                .contains("correct=true");
        // The backlog: more was asked for than two threads resized, and what was left queued was dropped.
        assertThat(number(run.stdout, "completed")).as("%s", run.stdout).isPositive()
                .isLessThan(number(run.stdout, "submitted"));
        assertThat(number(run.stdout, "dropped")).as("%s", run.stdout).isPositive();

        // The statistics' last, partial period is in the file: written at the recording's end-of-chunk flush, just
        // before JFR closed it, not lost to a race with JFR's shutdown hook.
        List<RecordedEvent> events = RecordingFile.readAllEvents(recording);
        Instant flushed = events.stream().filter(e -> e.getEventType().getName().equals("contention.StatsFlush"))
                .map(RecordedEvent::getStartTime).max(Instant::compareTo).orElse(null);
        assertThat(flushed).as("a contention.StatsFlush event").isNotNull();
        Instant lastStats = events.stream().filter(e -> e.getEventType().getName().equals("contention.ExecutorStats"))
                .map(RecordedEvent::getEndTime).max(Instant::compareTo).orElseThrow();
        assertThat(Duration.between(lastStats, flushed).abs()).as("last ExecutorStats %s, flush %s", lastStats, flushed)
                .isLessThan(Duration.ofMillis(200));

        JsonNode report = Analyzer.reportJson(recording);
        JsonNode pool = executor(report, POOL);
        assertThat(pool.path("class").asText()).isEqualTo(POOL_CLASS);
        assertThat(pool.path("threads").asInt()).as("%s", pool).isEqualTo(2);
        assertThat(pool.path("tasks").asLong()).as("%s", pool).isPositive();
        assertThat(pool.path("queueWaitMs").path("p99").asDouble()).as("%s", pool)
                .isGreaterThan(pool.path("runTimeMs").path("p99").asDouble());

        List<JsonNode> saturated = Analyzer.findings(report, ExecutorReports.SATURATION);
        assertThat(saturated).as("findings: %s", report.path("findings")).hasSize(1);
        JsonNode finding = saturated.get(0);
        assertThat(finding.path("pool").path("name").asText()).isEqualTo(POOL);
        assertThat(finding.path("pool").path("class").asText()).isEqualTo(POOL_CLASS);
        assertThat(finding.path("pool").path("submitSite").asText()).startsWith(SUBMIT_SITE);
        assertThat(finding.path("title").asText()).contains(POOL);
        assertThat(Analyzer.findings(report, ExecutorReports.STARVATION)).as("findings: %s", report.path("findings"))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void boundedQueueWithCallerRunsTwinReportsNoExecutorFinding(TestJdk jdk) throws Exception {
        Path recording = dir.resolve("resize-fixed.jfr");
        ChildJvm.Result run = ChildJvm.on(jdk, dir).record(recording, FIXED, "4s", "4");
        assertThat(run.stdout).as("%s", run).contains("resize-fixed submitted=").contains("correct=true")
                .contains("dropped=0");
        assertThat(number(run.stdout, "completed")).as("%s", run.stdout).isPositive()
                .isEqualTo(number(run.stdout, "submitted"));

        JsonNode report = Analyzer.reportJson(recording);
        assertThat(executorFindings(report)).as("findings of the back-pressure twin: %s", report.path("findings"))
                .isEmpty();
        JsonNode pool = executor(report, POOL);
        assertThat(pool.path("tasks").asLong()).as("%s", pool).isPositive();
        // The full queue hands work back to the request threads: back-pressure, counted apart, not rejections.
        assertThat(pool.path("callerRuns").asLong()).as("%s", pool).isPositive();
        assertThat(pool.path("rejected").asLong()).as("%s", pool).isZero();
    }
}
