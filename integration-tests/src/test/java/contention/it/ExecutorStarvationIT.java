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
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Report tasks on a fixed pool of four {@code report-N} threads that submit their sections to the same pool and
 * block on the futures are reported as a starved executor, the pool {@code report}; the twin that composes the
 * sections with {@code CompletableFuture} gets no executor finding. The app's own behaviour with the agent is
 * checked first, so that it holds whatever the report says.
 */
class ExecutorStarvationIT {

    static final String SAMPLE = "contention.samples.report.NestedReportApp";
    static final String FIXED = "contention.samples.report.NestedReportFixedApp";
    static final String POOL = "report";
    static final String POOL_CLASS = "java.util.concurrent.ThreadPoolExecutor";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void tasksWaitingForTasksOfTheirOwnPoolAreExecutorStarvation(TestJdk jdk) throws Exception {
        Path recording = dir.resolve("report.jfr");
        ChildJvm.Result run = ChildJvm.on(jdk, dir).record(recording, SAMPLE, "4s", "6");
        assertThat(run.stdout).as("%s", run).contains("nested-report reports=").contains("workers=4")
                .contains("correct=true");
        // Starved but finished: reports gave up on their sections and computed them themselves.
        assertThat(number(run.stdout, "reports")).as("%s", run.stdout).isPositive();
        assertThat(number(run.stdout, "timedOut")).as("%s", run.stdout).isPositive();

        JsonNode report = Analyzer.reportJson(recording);
        List<JsonNode> starved = Analyzer.findings(report, ExecutorReports.STARVATION);
        assertThat(starved).as("findings: %s", report.path("findings")).hasSize(1);
        JsonNode finding = starved.get(0);
        assertThat(finding.path("pool").path("name").asText()).isEqualTo(POOL);
        assertThat(finding.path("pool").path("class").asText()).isEqualTo(POOL_CLASS);
        assertThat(finding.path("title").asText()).contains(POOL);
        JsonNode pool = executor(report, POOL);
        assertThat(pool.path("threads").asInt()).as("%s", pool).isEqualTo(4);
        assertThat(pool.path("tasks").asLong()).as("%s", pool).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void composedSectionsTwinReportsNoExecutorFinding(TestJdk jdk) throws Exception {
        Path recording = dir.resolve("report-fixed.jfr");
        ChildJvm.Result run = ChildJvm.on(jdk, dir).record(recording, FIXED, "4s", "6");
        assertThat(run.stdout).as("%s", run).contains("nested-report-fixed reports=").contains("timedOut=0")
                .contains("correct=true");
        assertThat(number(run.stdout, "reports")).as("%s", run.stdout).isPositive();

        JsonNode report = Analyzer.reportJson(recording);
        assertThat(executorFindings(report)).as("findings of the composed twin: %s", report.path("findings"))
                .isEmpty();
        JsonNode pool = executor(report, POOL);
        assertThat(pool.path("tasks").asLong()).as("%s", pool).isPositive();
    }
}
