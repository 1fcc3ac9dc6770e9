// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import contention.it.support.Analyzer;
import contention.it.support.ChildJvm;
import contention.it.support.Output;
import contention.it.support.TestJdk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code contention record}: attached to a running JVM it loads the agent, records for the duration and prints the
 * report, again on the same JVM too; launching a command it puts the agent on its command line; SIGTERM (what
 * Ctrl-C does to the command) ends a recording early with a whole file.
 */
class RecordIT {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void recordsARunningJvmForTheDurationAndPrintsTheReport(TestJdk jdk) throws Exception {
        try (ChildJvm.Running app = ChildJvm.on(jdk, dir).start("contention.samples.lrucache.LruCacheApp", "60s",
                "8")) {
            Thread.sleep(1000); // past the JVM's start-up
            Path file = dir.resolve("attached.jfr");
            Output record = Analyzer.run("record", "--pid", Long.toString(app.pid()), "-d", "4s", "-o",
                    file.toString(), "--agent", ChildJvm.AGENT_JAR.toString());
            assertThat(record.exitCode).as("%s", record).isZero();
            assertThat(record.stderr).contains("contention record: recording pid " + app.pid() + " for 4 s to "
                    + file).contains("contention record: wrote " + file);
            assertThat(record.stdout).contains("Findings").contains("contention.samples.lrucache.PriceCache");
            JsonNode report = Analyzer.reportJson(file);
            assertThat(report.path("recording").path("durationMs").asDouble()).isBetween(3_000.0, 8_000.0);
            assertThat(report.path("locks").toString()).contains("java.util.Collections$SynchronizedMap");
            if (jdk.feature() >= 21) {
                assertThat(record.stderr).contains("-XX:+EnableDynamicAgentLoading");
            }

            Path again = dir.resolve("again.jfr"); // the agent is loaded: one more recording
            Output second = Analyzer.run("record", "--pid", Long.toString(app.pid()), "-d", "2s", "-o",
                    again.toString(), "--agent", ChildJvm.AGENT_JAR.toString(), "--no-report");
            assertThat(second.exitCode).as("%s", second).isZero();
            assertThat(Analyzer.reportJson(again).path("locks").toString())
                    .contains("java.util.Collections$SynchronizedMap");
        }
    }

    @Test
    void launchesACommandWithTheAgent() throws Exception {
        Path file = dir.resolve("launched.jfr");
        Output record = Analyzer.run("record", "-o", file.toString(), "--agent", ChildJvm.AGENT_JAR.toString(),
                "--format", "json", "--", TestJdk.current().java().toString(), "-cp", ChildJvm.SAMPLES_JAR.toString(),
                "contention.samples.transfer.TransferApp", "3s");
        assertThat(record.exitCode).as("%s", record).isZero();
        assertThat(record.stdout).contains("\"kind\" : \"deadlock\"");
        assertThat(Files.size(file)).isPositive();
    }

    @Test
    void sigtermEndsARecordingEarlyWithAWholeFile() throws Exception {
        try (ChildJvm.Running app = ChildJvm.on(TestJdk.current(), dir).start(
                "contention.samples.lrucache.LruCacheApp", "60s", "4")) {
            Thread.sleep(1000);
            Path file = dir.resolve("early.jfr");
            List<String> command = new ArrayList<>(List.of(TestJdk.current().java().toString(),
                    "-Dcontention.agentJar=" + ChildJvm.AGENT_JAR, "-jar",
                    ChildJvm.ROOT.resolve("analyzer-cli/target/contention-analyzer.jar").toString(), "record",
                    "--pid", Long.toString(app.pid()), "-d", "60s", "-o", file.toString(), "--no-report"));
            Process record = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("record.log").toFile()).start();
            long started = System.nanoTime();
            Thread.sleep(5000);
            record.destroy(); // SIGTERM, as Ctrl-C sends SIGINT: both run the command's shutdown hook
            assertThat(record.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String log = Files.readString(dir.resolve("record.log"));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as(log).isLessThan(Duration.ofSeconds(40));
            assertThat(log).contains("ended early");
            JsonNode report = Analyzer.reportJson(file);
            assertThat(report.path("recording").path("durationMs").asDouble()).as(log).isBetween(1_000.0, 20_000.0);
        }
    }

    @Test
    void aPidThatIsNotAJvmIsOneLine() {
        Output record = Analyzer.run("record", "--pid", Long.toString(ProcessHandle.current().pid()), "-d", "1s",
                "-o", dir.resolve("x.jfr").toString(), "--agent", ChildJvm.AGENT_JAR.toString());
        assertThat(record.exitCode).isEqualTo(1);
        assertThat(record.stderr.strip()).startsWith("contention record: pid ").doesNotContain("\n");
    }
}
