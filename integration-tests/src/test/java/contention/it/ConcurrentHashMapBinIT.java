// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.it;

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
 * {@code ConcurrentHashMap.merge} with a slow function on one hot key is reported as contention on the map (not
 * on {@code ConcurrentHashMap$Node}), with the map's sampled hold time and the bin advice; the twin that folds
 * per thread gets no finding.
 */
class ConcurrentHashMapBinIT {

    static final String SAMPLE = "contention.samples.latency.LatencyStatsApp";
    static final String FIXED = "contention.samples.latency.LatencyStatsFixedApp";
    static final String MAP = "java.util.concurrent.ConcurrentHashMap";
    static final String SITE = "contention.samples.latency.MergedLatencyStats.record(MergedLatencyStats.java:";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void slowMergeFunctionIsBinContentionOnTheMap(TestJdk jdk) throws Exception {
        Path recording = dir.resolve("latency.jfr");
        ChildJvm.Result run = ChildJvm.on(jdk, dir).record(recording, SAMPLE, "4s", "8");
        assertThat(run.stdout).as("%s", run).contains("latency-stats requests=");
        assertThat(recordedEqualsRequests(run.stdout)).as("%s", run.stdout).isTrue();

        JsonNode report = Analyzer.reportJson(recording);
        // The threads spend about 0.6 to 0.86 of their work in the slow merge (0.58 on JDK 17, 0.86 on 25 in one
        // run each), either side of the global-lock mark of 0.8: a hot or a global lock, on the map either way.
        assertThat(report.path("findings")).as("one verdict for the one lock").hasSize(1);
        JsonNode finding = report.path("findings").path(0);
        assertThat(finding.path("kind").asText()).as("findings: %s", report.path("findings"))
                .isIn("hot-lock", "global-lock");
        assertThat(finding.path("lock").path("class").asText()).isEqualTo(MAP);
        assertThat(finding.path("sites").path(0).path("frame").asText()).startsWith(SITE);
        assertThat(finding.path("advice").asText()).contains("bin").contains("merge").contains(SITE);
        assertThat(Analyzer.lock(report, "java.util.concurrent.ConcurrentHashMap$Node")).isNull();

        JsonNode lock = MonitorSamplesIT.lockOf(report, finding);
        assertThat(lock.path("utilization").asDouble()).as("utilization of %s", lock)
                .isGreaterThan(0.05).isLessThanOrEqualTo(1);
        assertThat(lock.path("acquisitions").asLong()).as("acquisitions of %s", lock).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void perThreadFoldingTwinReportsNoFinding(TestJdk jdk) throws Exception {
        Path recording = dir.resolve("latency-fixed.jfr");
        ChildJvm.Result run = ChildJvm.on(jdk, dir).record(recording, FIXED, "4s", "8");
        assertThat(run.stdout).as("%s", run).contains("latency-stats-fixed requests=");
        assertThat(recordedEqualsRequests(run.stdout)).as("%s", run.stdout).isTrue();

        JsonNode report = Analyzer.reportJson(recording);
        assertThat(report.path("findings")).as("findings of the per-thread twin").isEmpty();
    }

    // Task semantics under the agent: every request's latency was recorded, none lost or doubled.
    private static boolean recordedEqualsRequests(String stdout) {
        String requests = stdout.replaceAll("(?s).*requests=(\\d+).*", "$1");
        String recorded = stdout.replaceAll("(?s).*recorded=(\\d+).*", "$1");
        return requests.equals(recorded);
    }
}
