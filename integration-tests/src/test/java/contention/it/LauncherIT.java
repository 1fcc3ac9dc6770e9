// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import contention.it.support.Analyzer;
import contention.it.support.ChildJvm;
import contention.it.support.Output;
import contention.it.support.TestJdk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code bin/contention} as a user runs it, from another directory: reports in every format, and one line with
 * a non-zero exit for every kind of bad input, never a stack trace.
 */
class LauncherIT {

    static final Path LAUNCHER = ChildJvm.ROOT.resolve("bin/contention");

    @TempDir
    static Path shared;

    static Path recording;

    @BeforeAll
    static void record() throws Exception {
        recording = shared.resolve("lru.jfr");
        ChildJvm.Result run = ChildJvm.on(TestJdk.current(), shared).withAgent("file=" + recording)
                .run(SynchronizedMapIT.SAMPLE, "3s", "8");
        assertThat(run.exitCode).as("%s", run).isZero();
    }

    @TempDir
    Path dir;

    @ParameterizedTest(name = "analyzer on {0}")
    @MethodSource(TestJdk.ALL)
    void reportsInEveryFormatFromAnotherDirectory(TestJdk jdk) throws Exception {
        jdk.assumePresent();
        Output text = launch(jdk, "report", recording.toString());
        assertThat(text.exitCode).as("%s", text).isZero();
        assertThat(text.stdout).contains("global-lock").contains(SynchronizedMapIT.MAP_LOCK);
        assertThat(text.stderr).isEmpty();

        Output json = launch(jdk, "report", recording.toString(), "--format", "json");
        assertThat(json.exitCode).as("%s", json).isZero();
        JsonNode report = new ObjectMapper().readTree(json.stdout);
        Analyzer.assertValid(report);
        assertThat(Analyzer.findings(report, "global-lock")).hasSize(1);

        Path out = dir.resolve("app.collapsed");
        Output collapsed = launch(jdk, "report", recording.toString(), "--format", "collapsed", "-o", out.toString());
        assertThat(collapsed.exitCode).as("%s", collapsed).isZero();
        assertThat(Files.readAllLines(out)).isNotEmpty().allMatch(line -> line.matches("\\S.* [1-9][0-9]*"));
    }

    @Test
    void missingFile() throws Exception {
        assertOneLineError(launch("report", dir.resolve("nope.jfr").toString()), "nope.jfr");
    }

    @Test
    void directory() throws Exception {
        assertOneLineError(launch("report", dir.toString()), dir.getFileName().toString());
    }

    @Test
    void emptyFile() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.jfr"));
        assertOneLineError(launch("report", empty.toString()), "empty.jfr");
    }

    @Test
    void textFile() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.jfr"), "this is not a recording\n");
        assertOneLineError(launch("report", text.toString()), "notes.jfr");
    }

    @Test
    void truncatedRecordingReportsWhatWasReadableWithAWarningOrFailsInOneLine() throws Exception {
        byte[] whole = Files.readAllBytes(recording);
        Path half = Files.write(dir.resolve("half.jfr"), java.util.Arrays.copyOf(whole, whole.length / 2));
        Output run = launch("report", half.toString(), "--format", "json");
        assertThat(run.stderr.lines().count()).as("%s", run).isEqualTo(1);
        assertThat(run.stderr).doesNotContain("Exception").contains("half.jfr");
        if (run.exitCode == 0) {
            assertThat(run.stderr).contains("warning").contains("truncated");
            Analyzer.assertValid(new ObjectMapper().readTree(run.stdout));
        } else {
            assertThat(run.stdout).isEmpty();
        }
    }

    @Test
    void failedReportLeavesNoOutputFileBehind() throws Exception {
        Path out = dir.resolve("report.json");
        Output run = launch("report", dir.resolve("nope.jfr").toString(), "--format", "json", "-o", out.toString());
        assertThat(run.exitCode).isNotZero();
        try (var files = Files.list(dir)) {
            assertThat(files).as("no partial or temporary output").isEmpty();
        }
    }

    @Test
    void unknownFormatIsAUsageError() throws Exception {
        Output run = launch("report", recording.toString(), "--format", "pdf");
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.stderr).contains("pdf").doesNotContain("Exception");
    }

    private static void assertOneLineError(Output run, String named) {
        assertThat(run.exitCode).as("%s", run).isNotZero();
        assertThat(run.stdout).as("%s", run).isEmpty();
        assertThat(run.stderr.lines().count()).as("%s", run).isEqualTo(1);
        assertThat(run.stderr).startsWith("contention report: ").contains(named).doesNotContain("Exception");
    }

    private Output launch(String... args) throws IOException, InterruptedException {
        return launch(TestJdk.current(), args);
    }

    /** Runs bin/contention from an unrelated working directory, with JAVA_HOME set to {@code jdk}. */
    private Output launch(TestJdk jdk, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        Path work = Files.createTempDirectory("launcher-cwd");
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", jdk.home().toString());
        Path out = Files.createTempFile("launcher", ".out");
        Path err = Files.createTempFile("launcher", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("bin/contention finished").isTrue();
            return new Output(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(work);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
