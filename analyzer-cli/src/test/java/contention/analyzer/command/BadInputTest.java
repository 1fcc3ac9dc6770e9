// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import contention.analyzer.testing.Cli;
import contention.analyzer.testing.ReportSchema;
import contention.analyzer.testing.TestRecordings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code contention report} says about files that are not (whole) recordings, and about bad arguments. */
class BadInputTest {

    private static final String PREFIX = "contention report: ";

    @TempDir
    Path directory;

    @Test
    void missingFile() {
        Path file = directory.resolve("x.jfr");
        assertFailsWith(Cli.run("report", file.toString()), "no such file '" + file + "'");
    }

    @Test
    void directoryIsNotARecording() {
        assertFailsWith(Cli.run("report", directory.toString()), "'" + directory + "' is a directory, not a recording");
    }

    @Test
    void emptyFile() throws IOException {
        Path file = Files.createFile(directory.resolve("x.jfr"));
        assertFailsWith(Cli.run("report", file.toString()), "file is empty '" + file + "'");
    }

    @Test
    void textFileIsNotARecording() throws IOException {
        Path file = Files.writeString(directory.resolve("x.txt"), "hello, this is not a flight recording\n");
        assertFailsWith(Cli.run("report", file.toString()), "not a JFR recording '" + file + "'");
    }

    @Test
    void fileShorterThanTheMagicIsNotARecording() throws IOException {
        Path file = Files.write(directory.resolve("x.jfr"), new byte[] {'F', 'L'});
        assertFailsWith(Cli.run("report", file.toString()), "not a JFR recording '" + file + "'");
    }

    @Test
    void unreadableFile() throws IOException {
        Path file = Files.copy(TestRecordings.twin(), directory.resolve("locked.jfr"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "root reads any file; ReadErrorsTest covers the message");
        assertFailsWith(Cli.run("report", file.toString()), "permission denied reading '" + file + "'");
    }

    @Test
    void truncatedRecordingReportsWhatWasReadAndWarnsOnce() throws IOException {
        byte[] whole = Files.readAllBytes(TestRecordings.contended());
        Path file = Files.write(directory.resolve("half.jfr"), Arrays.copyOf(whole, whole.length / 2));

        Cli.Result result = Cli.run("report", file.toString(), "--format", "json");

        assertThat(result.exitCode()).isEqualTo(ContentionCli.EXIT_OK);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.errLines().get(0))
                .startsWith(PREFIX + "warning: recording is truncated '" + file + "'; the report covers the first ")
                .endsWith(" events")
                .doesNotContain("Exception");
        assertThat(ReportSchema.errors(result.out())).isEmpty();
    }

    @Test
    void truncatedTextReportRepeatsTheWarning() throws IOException {
        byte[] whole = Files.readAllBytes(TestRecordings.contended());
        Path file = Files.write(directory.resolve("half.jfr"), Arrays.copyOf(whole, whole.length / 2));

        Cli.Result result = Cli.run("report", file.toString());

        assertThat(result.exitCode()).isEqualTo(ContentionCli.EXIT_OK);
        assertThat(result.out()).contains("Warning").contains("recording is truncated");
    }

    @Test
    void recordingCutBeforeItsFirstEventIsAnError() throws IOException {
        byte[] whole = Files.readAllBytes(TestRecordings.twin());
        Path file = Files.write(directory.resolve("head.jfr"), Arrays.copyOf(whole, 1_024));
        assertFailsWith(Cli.run("report", file.toString()), "recording is truncated, no event could be read in '" + file + "'");
    }

    @Test
    void unknownFormatIsASyntaxErrorWithUsage() {
        Cli.Result result = Cli.run("report", TestRecordings.twin().toString(), "--format", "xml");

        assertThat(result.exitCode()).isEqualTo(ContentionCli.EXIT_WRONG_ARGUMENTS);
        assertThat(result.errLines().get(0)).isEqualTo(PREFIX
                + "invalid value for option '--format': unknown format 'xml', expected one of text, json, collapsed, html");
        assertThat(result.err()).contains("Usage: contention report");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void missingRecordingArgumentIsASyntaxError() {
        Cli.Result result = Cli.run("report");

        assertThat(result.exitCode()).isEqualTo(ContentionCli.EXIT_WRONG_ARGUMENTS);
        assertThat(result.errLines().get(0)).startsWith(PREFIX + "missing required parameter");
        assertThat(result.err()).contains("Usage: contention report");
    }

    @Test
    void missingCommandIsASyntaxError() {
        Cli.Result result = Cli.run();

        assertThat(result.exitCode()).isEqualTo(ContentionCli.EXIT_WRONG_ARGUMENTS);
        assertThat(result.errLines().get(0)).isEqualTo("contention: missing command, expected one of report, diff,"
                + " record, top, check, list, dump");
        assertThat(result.err()).contains("Usage: contention");
    }

    @Test
    void unknownCommandSuggestsTheRightOne() {
        Cli.Result result = Cli.run("reprot", "x.jfr");

        assertThat(result.exitCode()).isEqualTo(ContentionCli.EXIT_WRONG_ARGUMENTS);
        assertThat(result.errLines().get(0)).startsWith("contention: unmatched argument");
        assertThat(result.err()).contains("report");
    }

    @Test
    void helpEndsWithPasteableExamples() {
        Cli.Result root = Cli.run("--help");
        Cli.Result report = Cli.run("report", "--help");

        assertThat(root.exitCode()).isEqualTo(ContentionCli.EXIT_OK);
        assertThat(report.exitCode()).isEqualTo(ContentionCli.EXIT_OK);
        assertThat(root.out()).contains("report").contains("Examples:")
                .contains("  bin/contention report app.jfr")
                .contains("bin/contention demo [--fixed]");
        assertThat(report.out().strip()).contains("--format", "-o").endsWith(String.join(System.lineSeparator(),
                "  bin/contention report app.jfr --format collapsed -o app.collapsed",
                "  flamegraph.pl --countname=us app.collapsed > flame.svg"));
    }

    @Test
    void versionIsTheBuildVersion() {
        Cli.Result result = Cli.run("--version");

        assertThat(result.exitCode()).isEqualTo(ContentionCli.EXIT_OK);
        assertThat(result.out().strip()).startsWith("contention ").doesNotContain("${").doesNotContain("unknown");
    }

    private static void assertFailsWith(Cli.Result result, String message) {
        assertThat(result.exitCode()).isEqualTo(ContentionCli.EXIT_FAILED);
        assertThat(result.errLines()).containsExactly(PREFIX + message);
        assertThat(result.out()).isEmpty();
    }
}
