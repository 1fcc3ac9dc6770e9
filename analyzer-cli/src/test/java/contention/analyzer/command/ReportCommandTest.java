// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import contention.analyzer.testing.AgentScenario;
import contention.analyzer.testing.Cli;
import contention.analyzer.testing.ReportSchema;
import contention.analyzer.testing.TestRecordings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code contention report} over real recordings made in this JVM: the contended workload and its twin. */
class ReportCommandTest {

    private static final String SYNCHRONIZED_MAP = "java.util.Collections$SynchronizedMap";
    private static final String REENTRANT_LOCK = "java.util.concurrent.locks.ReentrantLock";
    private static final String WORKLOAD_SITE = "contention.analyzer.testing.Workloads.hammer(Workloads.java:";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void contendedJsonFollowsTheContractAndNamesTheLockAndSite() throws IOException {
        Cli.Result result = Cli.run("report", TestRecordings.contended().toString(), "--format", "json");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ContentionCli.EXIT_OK);
        assertThat(ReportSchema.errors(result.out())).isEmpty();
        JsonNode report = MAPPER.readTree(result.out());
        JsonNode map = lock(report, SYNCHRONIZED_MAP);
        assertThat(map).as("lock %s in %s", SYNCHRONIZED_MAP, report.get("locks")).isNotNull();
        assertThat(map.get("id").asText()).isEqualTo(SYNCHRONIZED_MAP);
        assertThat(map.get("threads").asInt()).isEqualTo(4);
        assertThat(map.get("sites").get(0).get("frame").asText()).startsWith(WORKLOAD_SITE);
        assertThat(map.get("sites").get(0).get("stack").get(0).asText())
                .startsWith("java.util.Collections$SynchronizedMap.compute(Collections.java:");
        assertThat(lock(report, REENTRANT_LOCK)).as("j.u.c lock from jdk.ThreadPark").isNotNull();
        assertThat(report.get("recording").get("source").asText()).isEqualTo(TestRecordings.contended().toString());
        assertThat(report.get("recording").get("durationMs").asDouble()).isGreaterThan(500);
        assertThat(report.get("executors").size()).isZero();
    }

    @Test
    void contendedWorkloadReportsHotLock() throws IOException {
        JsonNode report = json(TestRecordings.contended());

        JsonNode hotLock = finding(report, "hot-lock", SYNCHRONIZED_MAP);
        assertThat(hotLock).as("hot-lock finding in %s", report.get("findings")).isNotNull();
        assertThat(hotLock.get("severity").asText()).isEqualTo("warning");
        assertThat(hotLock.get("title").asText())
                .contains(SYNCHRONIZED_MAP)
                .contains("most at " + WORKLOAD_SITE)
                .startsWith("4 threads spent ");
        assertThat(hotLock.get("metrics").get("waitShare").asDouble()).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
        assertThat(hotLock.get("advice").asText()).contains("ConcurrentHashMap");
        assertThat(hotLock.get("threads")).extracting(JsonNode::asText).contains("map-0", "map-3");
    }

    @Test
    void fixedTwinReportsNoHotLock() throws IOException {
        JsonNode report = json(TestRecordings.twin());

        assertThat(report.get("findings").findValuesAsText("kind")).doesNotContain("hot-lock");
        assertThat(lock(report, SYNCHRONIZED_MAP)).isNull();
    }

    @Test
    void idlePoolParksAreWaitingNotLockContention() throws IOException {
        JsonNode report = json(TestRecordings.twin());

        for (JsonNode lock : report.get("locks")) {
            assertThat(lock.get("class").asText()).doesNotContain("ConditionObject").doesNotContain("LinkedBlockingQueue");
        }
        JsonNode idle = thread(report, "idle-0");
        assertThat(idle).as("thread idle-0 in %s", report.get("threads")).isNotNull();
        assertThat(idle.get("waitingMs").asDouble()).isGreaterThan(100);
        // Shutting the pool down may make a worker wait briefly for the queue's lock; waiting for work dominates.
        assertThat(idle.get("blockedMs").asDouble()).isLessThan(idle.get("waitingMs").asDouble() / 10);
    }

    @Test
    void threadsCarryBlockedWaitingAndRunningTime() throws IOException {
        JsonNode worker = thread(json(TestRecordings.contended()), "map-0");

        assertThat(worker).isNotNull();
        assertThat(worker.get("virtual").asBoolean()).isFalse();
        assertThat(worker.get("blockedMs").asDouble()).isGreaterThan(0);
        assertThat(worker.get("runningMs").asDouble()).isGreaterThan(0);
        assertThat(worker.get("blockedMs").asDouble() + worker.get("runningMs").asDouble())
                .isLessThan(1.5 * 1_000 * 2 /* never more than the run's wall time, with slack */);
    }

    @Test
    void collapsedLinesParseAndEndWithTheLockClass() {
        Cli.Result result = Cli.run("report", TestRecordings.contended().toString(), "--format", "collapsed");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ContentionCli.EXIT_OK);
        Pattern line = Pattern.compile("^(\\S(?:[^;\\n]*;)*[^;\\n]*) ([1-9][0-9]*)$");
        List<String> lines = result.out().lines().toList();
        assertThat(lines).isNotEmpty();
        List<String> leaves = new ArrayList<>();
        for (String text : lines) {
            Matcher matcher = line.matcher(text);
            assertThat(matcher.matches()).as("collapsed line: %s", text).isTrue();
            String[] frames = matcher.group(1).split(";");
            leaves.add(frames[frames.length - 1]);
            assertThat(frames).doesNotContain("");
        }
        assertThat(leaves).contains(SYNCHRONIZED_MAP);
        assertThat(lines).anySatisfy(text -> assertThat(text)
                .contains(";" + WORKLOAD_SITE)
                .contains(";java.util.Collections$SynchronizedMap.compute(Collections.java:")
                .contains(";" + SYNCHRONIZED_MAP + " "));
    }

    @Test
    void textReportLeadsWithTheFindingTitle() throws IOException {
        JsonNode hotLock = finding(json(TestRecordings.contended()), "hot-lock", SYNCHRONIZED_MAP);
        Cli.Result result = Cli.run("report", TestRecordings.contended().toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ContentionCli.EXIT_OK);
        assertThat(result.err()).isEmpty();
        String text = result.out();
        assertThat(text).startsWith("Recording " + TestRecordings.contended());
        assertThat(text).contains(hotLock.get("title").asText());
        assertThat(text).contains("not recorded by the contention agent");
        assertThat(text.indexOf("Findings")).isLessThan(text.indexOf("Locks by wait time"));
        assertThat(text.indexOf("Locks by wait time")).isLessThan(text.indexOf("Threads by time blocked and waiting"));
        assertThat(text).contains("at " + WORKLOAD_SITE);
    }

    @Test
    void plainJdkRecordingIsReportedWithItsThresholdNoted() {
        Cli.Result text = Cli.run("report", TestRecordings.jdkDefault().toString());
        Cli.Result json = Cli.run("report", TestRecordings.jdkDefault().toString(), "--format", "json");

        assertThat(text.exitCode()).as(text.err()).isEqualTo(ContentionCli.EXIT_OK);
        assertThat(text.out())
                // A configured threshold prints exactly, as JFR writes it: "20 ms", not "20.0 ms".
                .contains("jdk.JavaMonitorEnter was recorded with a 20 ms threshold")
                .contains("not recorded by the contention agent")
                .doesNotContain("not checked: hot-lock");
        assertThat(json.exitCode()).as(json.err()).isEqualTo(ContentionCli.EXIT_OK);
        assertThat(ReportSchema.errors(json.out())).isEmpty();
    }

    @Test
    void agentLocksFollowTheContractWithTheirIdsAllocationSitesAndHoldTimes() throws IOException {
        JsonNode report = json(TestRecordings.agentScenario());

        JsonNode ledger = lockById(report, REENTRANT_LOCK + "@" + AgentScenario.LEDGER_LOCK);
        JsonNode audit = lockById(report, REENTRANT_LOCK + "@" + AgentScenario.AUDIT_LOCK);
        assertThat(ledger).as("ledger lock in %s", report.get("locks")).isNotNull();
        assertThat(audit).as("audit lock in %s", report.get("locks")).isNotNull();
        assertThat(ledger.get("class").asText()).isEqualTo(REENTRANT_LOCK);
        assertThat(ledger.get("allocationSite").asText()).isEqualTo(AgentScenario.LEDGER_ALLOCATION.get(0));
        assertThat(ledger.get("waitTimeMs").asDouble()).isEqualTo(55.0);
        assertThat(ledger.get("waitCount").asLong()).isEqualTo(AgentScenario.LEDGER_STATS_CONTENDED + 1);
        assertThat(ledger.get("holdTimeMs").asDouble()).isEqualTo(10.0);
        assertThat(ledger.get("utilization").asDouble()).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
        assertThat(ledger.get("threads").asInt()).isEqualTo(AgentScenario.LEDGER_STATS_WAITING_THREADS);
        assertThat(ledger.get("sites").get(0).get("frame").asText()).startsWith(AgentScenario.TRANSFER_SITE);
        assertThat(audit.get("allocationSite").asText()).isEqualTo(AgentScenario.AUDIT_ALLOCATION);
        assertThat(lock(report, REENTRANT_LOCK).get("id").asText()).as("no class-grouped ReentrantLock")
                .startsWith(REENTRANT_LOCK + "@");
        assertThat(report.toString()).doesNotContain("contention.agent.").doesNotContain("jdk.jfr.internal.");
        assertThat(report.get("threads").findValuesAsText("name")).doesNotContainAnyElementsOf(AgentScenario.PROFILER_THREADS);
    }

    @Test
    void agentLocksInTextShowAllocationHoldAndWhichLocksTheAgentTimed() {
        Cli.Result result = Cli.run("report", TestRecordings.agentScenario().toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ContentionCli.EXIT_OK);
        assertThat(result.out())
                .contains("Note      lock waits timed by the agent for: ReentrantLock\n")
                .contains(REENTRANT_LOCK + "@" + AgentScenario.LEDGER_LOCK + "\n")
                .contains("created at " + AgentScenario.LEDGER_ALLOCATION.get(0) + "\n")
                .contains("           " + AgentScenario.LEDGER_ALLOCATION.get(1) + "\n")
                .contains("hold 10.0 ms (")
                .contains("% of the run), about 1001 acquisitions")
                .contains("too short to judge contention")
                .doesNotContain("JFR test thread");
    }

    @Test
    void outputFileIsWrittenWhole(@TempDir Path directory) throws IOException {
        Path report = directory.resolve("report.json");
        Cli.Result result = Cli.run("report", TestRecordings.twin().toString(), "--format", "json", "-o", report.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ContentionCli.EXIT_OK);
        assertThat(result.out()).isEmpty();
        assertThat(ReportSchema.errors(Files.readString(report))).isEmpty();
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files).containsExactly(report);
        }
    }

    @Test
    void outputIntoMissingDirectoryFailsWithoutLeavingAFile(@TempDir Path directory) throws IOException {
        Path report = directory.resolve("missing").resolve("report.json");
        Cli.Result result = Cli.run("report", TestRecordings.twin().toString(), "-o", report.toString());

        assertThat(result.exitCode()).isEqualTo(ContentionCli.EXIT_FAILED);
        assertThat(result.errLines()).containsExactly(
                "contention report: cannot write '" + report + "': no such directory");
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void outputNeverOverwritesTheRecording() {
        Path recording = TestRecordings.twin();
        Cli.Result result = Cli.run("report", recording.toString(), "-o", recording.toString());

        assertThat(result.exitCode()).isEqualTo(ContentionCli.EXIT_FAILED);
        assertThat(result.errLines()).hasSize(1);
        assertThat(recording).isNotEmptyFile();
    }

    static JsonNode json(Path recording) throws IOException {
        Cli.Result result = Cli.run("report", recording.toString(), "--format", "json");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ContentionCli.EXIT_OK);
        assertThat(ReportSchema.errors(result.out())).isEmpty();
        return MAPPER.readTree(result.out());
    }

    private static JsonNode lock(JsonNode report, String lockClass) {
        for (JsonNode lock : report.get("locks")) {
            if (lock.get("class").asText().equals(lockClass)) {
                return lock;
            }
        }
        return null;
    }

    private static JsonNode lockById(JsonNode report, String id) {
        for (JsonNode lock : report.get("locks")) {
            if (lock.get("id").asText().equals(id)) {
                return lock;
            }
        }
        return null;
    }

    private static JsonNode finding(JsonNode report, String kind, String lockClass) {
        for (JsonNode finding : report.get("findings")) {
            if (finding.get("kind").asText().equals(kind) && finding.has("lock")
                    && finding.get("lock").get("class").asText().equals(lockClass)) {
                return finding;
            }
        }
        return null;
    }

    private static JsonNode thread(JsonNode report, String name) {
        for (JsonNode thread : report.get("threads")) {
            if (thread.get("name").asText().equals(name)) {
                return thread;
            }
        }
        return null;
    }
}
