// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import contention.it.support.Analyzer;
import contention.it.support.ChildJvm;
import contention.it.support.TestJdk;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two threads that write (or one writes, one reads) different members of one object within a cache line are
 * reported as false sharing, naming the members, their offsets 8 bytes apart and the threads; the twins, whose
 * members are 128 bytes apart, get no false-sharing finding; a counter all threads increment is true sharing and
 * never called false sharing. The four pairs of issue 7: counters in one object, adjacent {@code AtomicLongArray}
 * slots, per-thread {@code long[]} slots, and JMH's reader/writer case. The detector is off unless
 * {@code false-sharing=on}.
 */
class FalseSharingIT {

    static final String KIND = "false-sharing";

    @TempDir
    Path dir;

    static Stream<Arguments> pairs() {
        return Stream.of(
                Arguments.of("contention.samples.stats.RequestStatsApp", "contention.samples.stats.RequestStatsFixedApp",
                        "contention.samples.stats.RequestStats.hits", "contention.samples.stats.RequestStats.misses",
                        "stats-writer-"),
                Arguments.of("contention.samples.shards.ShardCountersApp",
                        "contention.samples.shards.ShardCountersFixedApp",
                        "java.util.concurrent.atomic.AtomicLongArray[1]",
                        "java.util.concurrent.atomic.AtomicLongArray[2]", "shard-worker-"),
                Arguments.of("contention.samples.scan.LogScanApp", "contention.samples.scan.LogScanFixedApp",
                        "long[][1]", "long[][2]", "log-scanner-"),
                Arguments.of("contention.samples.health.HealthCheckApp", "contention.samples.health.HealthCheckFixedApp",
                        "contention.samples.health.ServiceHealth.heartbeats",
                        "contention.samples.health.ServiceHealth.connectionLimit", "heartbeat-writer-"),
                // The same counters updated through AtomicLongFieldUpdaters, then VarHandles (an app argument).
                Arguments.of("contention.samples.stats.HandleStatsApp updater",
                        "contention.samples.stats.HandleStatsFixedApp updater",
                        "contention.samples.stats.HandleRequestStats.hits",
                        "contention.samples.stats.HandleRequestStats.misses", "stats-writer-"),
                Arguments.of("contention.samples.stats.HandleStatsApp varhandle",
                        "contention.samples.stats.HandleStatsFixedApp varhandle",
                        "contention.samples.stats.HandleRequestStats.hits",
                        "contention.samples.stats.HandleRequestStats.misses", "stats-writer-"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void membersOfOneLineWrittenByDifferentThreadsAreFalseSharing(String app, String fixed, String memberA,
            String memberB, String threadPrefix) throws Exception {
        JsonNode report = record(TestJdk.current(), app, "false-sharing.jfr");
        List<JsonNode> findings = Analyzer.findings(report, KIND);
        assertThat(findings).as("findings: %s\ncache lines: %s", report.path("findings"), report.path("cacheLines"))
                .hasSize(1);
        JsonNode finding = findings.get(0);
        assertThat(texts(finding.path("fields"))).containsExactly(memberA, memberB);
        assertThat(finding.path("severity").asText()).isEqualTo("warning");
        JsonNode metrics = finding.path("metrics");
        assertThat(metrics.path("distanceBytes").asDouble()).isEqualTo(8.0);
        assertThat(metrics.path("offsetB").asDouble() - metrics.path("offsetA").asDouble()).isEqualTo(8.0);
        assertThat(metrics.path("interleavedWritesPerSecond").asDouble()).isGreaterThan(2_000_000);
        assertThat(metrics.path("estimatedCostShare").asDouble()).isBetween(0.01, 1.0);
        assertThat(texts(finding.path("threads"))).hasSizeGreaterThanOrEqualTo(2)
                .anyMatch(name -> name.startsWith(threadPrefix));
        assertThat(finding.path("title").asText()).contains("bytes apart on one cache line");
        assertThat(finding.path("sites").path(0).path("frame").asText()).startsWith("contention.samples.");
        assertThat(finding.path("advice").asText()).containsAnyOf("@jdk.internal.vm.annotation.Contended",
                "128 bytes apart");
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("pairs")
    void theTwinsWithMembersALinePairApartAreNot(String app, String fixed, String memberA, String memberB,
            String threadPrefix) throws Exception {
        JsonNode report = record(TestJdk.current(), fixed, "fixed.jfr");
        assertThat(Analyzer.findings(report, KIND)).as("findings: %s", report.path("findings")).isEmpty();
        for (JsonNode line : report.path("cacheLines")) {
            assertThat(line.path("trueSharing").asBoolean() || line.path("distanceBytes").asLong() >= 64)
                    .as("a pair on one line in the twin: %s", line).isTrue();
        }
    }

    /** The request-stats pair on every JDK present: the layout and the hooks are the running JVM's. */
    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void countersInOneObjectOnEveryJdk(TestJdk jdk) throws Exception {
        JsonNode report = record(jdk, "contention.samples.stats.RequestStatsApp", "stats.jfr");
        assertThat(Analyzer.findings(report, KIND)).as("findings: %s", report.path("findings")).singleElement()
                .satisfies(f -> assertThat(texts(f.path("fields"))).containsExactly(
                        "contention.samples.stats.RequestStats.hits", "contention.samples.stats.RequestStats.misses"));
    }

    /** VarHandle counters on every JDK present: the handle describes its field differently from JDK to JDK. */
    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void varHandleCountersOnEveryJdk(TestJdk jdk) throws Exception {
        JsonNode report = record(jdk, "contention.samples.stats.HandleStatsApp varhandle", "handles.jfr");
        assertThat(Analyzer.findings(report, KIND)).as("findings: %s", report.path("findings")).singleElement()
                .satisfies(f -> assertThat(texts(f.path("fields"))).containsExactly(
                        "contention.samples.stats.HandleRequestStats.hits",
                        "contention.samples.stats.HandleRequestStats.misses"));
    }

    @Test
    void oneCounterEveryThreadIncrementsIsTrueSharingNotFalseSharing() throws Exception {
        JsonNode report = record(TestJdk.current(), "contention.samples.pageviews.PageViewsApp", "views.jfr");
        assertThat(Analyzer.findings(report, KIND)).as("findings: %s", report.path("findings")).isEmpty();
        assertThat(report.path("cacheLines")).as("%s", report.path("cacheLines")).anySatisfy(line -> {
            assertThat(line.path("trueSharing").asBoolean()).isTrue();
            assertThat(line.path("memberA").asText()).isEqualTo("java.util.concurrent.atomic.AtomicLong.value");
            assertThat(line.path("siteA").asText()).startsWith("contention.samples.pageviews.");
            assertThat(line.path("threadsA").asInt()).isEqualTo(2);
        });
    }

    @Test
    void offByDefaultRecordsNoAccessesAndTheReportSaysFalseSharingWasNotChecked() throws Exception {
        Path recording = dir.resolve("off.jfr");
        ChildJvm.Result run = ChildJvm.on(TestJdk.current(), dir).withAgent("file=" + recording)
                .run("contention.samples.stats.RequestStatsApp", "2s", "2");
        assertThat(run.exitCode).as("%s", run).isZero();
        JsonNode report = Analyzer.reportJson(recording);
        assertThat(Analyzer.findings(report, KIND)).isEmpty();
        assertThat(report.has("cacheLines")).isFalse();
        assertThat(Analyzer.run("report", recording.toString()).stdout)
                .contains("not checked: false-sharing (needs contention.CacheLineStats; record with the agent option"
                        + " false-sharing=on)");
    }

    /** Runs {@code app} ("main class [access]") for 3 s on 2 threads with false-sharing detection on. */
    private JsonNode record(TestJdk jdk, String app, String file) throws Exception {
        Path recording = dir.resolve(file);
        String[] words = app.split(" ");
        List<String> args = new ArrayList<>(List.of("3s", "2"));
        args.addAll(List.of(words).subList(1, words.length));
        ChildJvm.Result run = ChildJvm.on(jdk, dir).withAgent("file=" + recording + ",false-sharing=on")
                .run(words[0], args.toArray(new String[0]));
        assertThat(run.exitCode).as("%s", run).isZero();
        assertThat(run.stdout).as("%s", run).contains("operations=");
        return Analyzer.reportJson(recording);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
