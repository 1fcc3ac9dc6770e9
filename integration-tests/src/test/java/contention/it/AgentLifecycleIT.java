// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import contention.it.fixtures.SystemExitMain;
import contention.it.support.Analyzer;
import contention.it.support.ChildJvm;
import contention.it.support.TestJdk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The recording is written on normal exit, {@code System.exit} and SIGTERM; bad options cost one line each and
 * never stop the app; no options records to a default file in the working directory.
 */
class AgentLifecycleIT {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void systemExitWritesTheRecordingAndKeepsTheExitCode(TestJdk jdk) throws Exception {
        Path recording = dir.resolve("exit.jfr");
        String fixtures = Paths.get(SystemExitMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        ChildJvm.Result run = ChildJvm.on(jdk, dir).withAgent("file=" + recording).classPath(fixtures)
                .run(SystemExitMain.class.getName(), "2500");
        assertThat(run.exitCode).as("%s", run).isEqualTo(3);
        assertThat(run.stdout).contains("exiting counter>0=true");
        assertThat(run.agentLines()).as("%s", run).anyMatch(l -> l.startsWith("contention: wrote " + recording));

        JsonNode report = Analyzer.reportJson(recording);
        assertThat(report.path("recording").path("durationMs").asDouble()).isPositive();
        assertThat(report.path("threads")).anyMatch(t -> t.path("name").asText().startsWith("exit-worker-"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void sigtermWritesTheRecording(TestJdk jdk) throws Exception {
        Path recording = dir.resolve("term.jfr");
        ChildJvm.Result run = ChildJvm.on(jdk, dir).withAgent("file=" + recording)
                .runAndTerminate(Duration.ofSeconds(3), SynchronizedMapIT.SAMPLE, "120s", "4");
        assertThat(run.exitCode).as("%s", run).isEqualTo(143); // 128 + SIGTERM
        assertThat(run.stdout).as("the app must not have finished by itself").doesNotContain("lookups=");
        assertThat(run.agentLines()).as("%s", run).anyMatch(l -> l.startsWith("contention: wrote " + recording));

        JsonNode report = Analyzer.reportJson(recording);
        assertThat(Analyzer.lock(report, SynchronizedMapIT.MAP_LOCK)).as("%s", report.path("locks")).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void badOptionsPrintOneLineEachAndTheAppRuns(TestJdk jdk) throws Exception {
        Path recording = dir.resolve("opts.jfr");
        ChildJvm.Result run = ChildJvm.on(jdk, dir)
                .withAgent("bogus=1,monitor-threshold=soon,file=" + recording + ",sample-period=0")
                .run(SynchronizedMapIT.FIXED, "3s", "2");
        assertThat(run.exitCode).as("%s", run).isZero();
        assertThat(run.stdout).contains("lru-cache-fixed lookups=");
        assertThat(run.agentLines()).as("%s", run).containsExactly(
                "contention: unknown option 'bogus' (known: file, monitor-threshold, park-threshold, sample-period,"
                        + " locks, lock-wait-threshold, include, exclude, global-lock-warning, false-sharing,"
                        + " false-sharing-rate, duration); ignored",
                "contention: bad value for monitor-threshold: 'soon' (expected a duration such as 0ms, 500us or"
                        + " 5ms); using 0ms",
                "contention: sample-period must be above 0; using 20ms",
                "contention: recording to " + recording + " (written when the JVM exits)",
                run.agentLines().get(4));
        assertThat(run.agentLines().get(4)).startsWith("contention: wrote " + recording);
        assertThat(run.stderr.lines().filter(line -> !line.startsWith(ChildJvm.CDS_NOTE)))
                .as("nothing but the agent's lines and the JVM's class-sharing note: %s", run).hasSize(5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void missingDirectoryFallsBackToTheDefaultFile(TestJdk jdk) throws Exception {
        Path work = Files.createDirectory(dir.resolve("work"));
        ChildJvm.Result run = ChildJvm.on(jdk, work).withAgent("file=/no/such/dir/x.jfr")
                .run(SynchronizedMapIT.FIXED, "3s", "2");
        assertThat(run.exitCode).as("%s", run).isZero();
        assertThat(run.agentLines().get(0)).isEqualTo("contention: directory of file '/no/such/dir/x.jfr' does not"
                + " exist; recording to the default file instead");
        List<Path> written = jfrFiles(work);
        assertThat(written).hasSize(1);
        assertThat(written.get(0).getFileName().toString()).matches("contention-\\d+-\\d{8}-\\d{6}\\.jfr");
        assertThat(run.agentLines()).contains("contention: recording to " + written.get(0)
                + " (written when the JVM exits)");
        Analyzer.reportJson(written.get(0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void noOptionsRecordToADefaultFileInTheWorkingDirectory(TestJdk jdk) throws Exception {
        ChildJvm.Result run = ChildJvm.on(jdk, dir).withAgent("").run(SynchronizedMapIT.FIXED, "3s", "2");
        assertThat(run.exitCode).as("%s", run).isZero();
        List<Path> written = jfrFiles(dir);
        assertThat(written).as("%s", run).hasSize(1);
        assertThat(run.agentLines().get(0)).isEqualTo("contention: recording to " + written.get(0)
                + " (written when the JVM exits)");
        assertThat(Files.size(written.get(0))).isPositive();
    }

    private static List<Path> jfrFiles(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jfr")).collect(Collectors.toList());
        }
    }
}
