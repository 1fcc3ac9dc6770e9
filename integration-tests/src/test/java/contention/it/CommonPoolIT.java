// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.it;

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
 * Blocking fetches in a parallel stream run in the common {@code ForkJoinPool}, so that the
 * {@code CompletableFuture.supplyAsync} work of the same JVM waits behind them: reported as a starved or saturated
 * executor naming {@code ForkJoinPool.commonPool}. The twin that fetches on a pool sized for waiting gets no
 * executor finding. The app's own behaviour with the agent is checked first, so that it holds whatever the
 * report says.
 */
class CommonPoolIT {

    static final String SAMPLE = "contention.samples.crawl.CommonPoolCrawlApp";
    static final String FIXED = "contention.samples.crawl.CommonPoolCrawlFixedApp";
    static final String COMMON_POOL = "ForkJoinPool.commonPool";

    /**
     * Given on the command line rather than left to the sample, which sets it in {@code main} on small machines:
     * the common pool must have its threads however early something creates it (see
     * {@code ExecutorSemanticsIT.commonPoolSizedInMainAsWithoutTheAgent}).
     */
    static final String PARALLELISM = "-Djava.util.concurrent.ForkJoinPool.common.parallelism=3";

    @TempDir
    Path dir;

    private ChildJvm child(TestJdk jdk) {
        return ChildJvm.on(jdk, dir).jvmArg(PARALLELISM);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void blockingParallelStreamStarvesTheCommonPool(TestJdk jdk) throws Exception {
        Path recording = dir.resolve("crawl.jfr");
        ChildJvm.Result run = child(jdk).record(recording, SAMPLE, "4s", "4");
        assertThat(run.stdout).as("%s", run).contains("common-pool-crawl quotes=").contains("correct=true");
        assertThat(number(run.stdout, "commonPool")).as("common pool parallelism: %s", run.stdout)
                .isGreaterThanOrEqualTo(3);
        assertThat(number(run.stdout, "quotes")).as("%s", run.stdout).isPositive();
        assertThat(number(run.stdout, "pages")).as("%s", run.stdout).isPositive();

        JsonNode report = Analyzer.reportJson(recording);
        List<JsonNode> findings = executorFindings(report);
        assertThat(findings).as("findings: %s", report.path("findings"))
                .anyMatch(f -> COMMON_POOL.equals(f.path("pool").path("name").asText()));
        JsonNode finding = findings.stream()
                .filter(f -> COMMON_POOL.equals(f.path("pool").path("name").asText())).findFirst().orElseThrow();
        assertThat(finding.path("pool").path("class").asText()).isEqualTo("java.util.concurrent.ForkJoinPool");
        assertThat(finding.path("title").asText()).contains(COMMON_POOL);
        JsonNode pool = ExecutorReports.executor(report, COMMON_POOL);
        assertThat(pool.path("tasks").asLong()).as("%s", pool).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void ioPoolTwinReportsNoExecutorFinding(TestJdk jdk) throws Exception {
        Path recording = dir.resolve("crawl-fixed.jfr");
        ChildJvm.Result run = child(jdk).record(recording, FIXED, "4s", "4");
        assertThat(run.stdout).as("%s", run).contains("common-pool-crawl-fixed quotes=").contains("correct=true");
        assertThat(number(run.stdout, "commonPool")).as("common pool parallelism: %s", run.stdout)
                .isGreaterThanOrEqualTo(3);
        assertThat(number(run.stdout, "quotes")).as("%s", run.stdout).isPositive();

        JsonNode report = Analyzer.reportJson(recording);
        assertThat(executorFindings(report)).as("findings of the I/O-pool twin: %s", report.path("findings"))
                .isEmpty();
        assertThat(ExecutorReports.executorNames(report)).contains(COMMON_POOL, "crawl");
    }
}
