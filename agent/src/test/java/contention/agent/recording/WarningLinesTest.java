// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.recording;

import static org.assertj.core.api.Assertions.assertThat;

import contention.agent.AgentOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Warning lines go to stderr, nowhere, or appended to a file; a file that fails sends them to stderr. */
class WarningLinesTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureStderr() {
        originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(originalErr);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void stderrByDefaultAndNothingWhenOff() {
        WarningLines.of(AgentOptions.parse("")).accept("contention: one");
        WarningLines.of(AgentOptions.parse("global-lock-warning=off")).accept("contention: two");
        assertThat(stderr()).isEqualTo("contention: one" + System.lineSeparator());
    }

    @Test
    void aFileIsCreatedThenAppendedTo() throws Exception {
        Path file = dir.resolve("warnings.log");
        Files.writeString(file, "earlier\n");
        Consumer<String> lines = WarningLines.of(AgentOptions.parse("global-lock-warning=" + file));
        lines.accept("contention: one");
        lines.accept("contention: two");
        assertThat(Files.readAllLines(file)).containsExactly("earlier", "contention: one", "contention: two");
        assertThat(stderr()).isEmpty();

        Path fresh = dir.resolve("fresh.log");
        WarningLines.of(AgentOptions.parse("global-lock-warning=" + fresh)).accept("contention: three");
        assertThat(Files.readAllLines(fresh)).containsExactly("contention: three");
    }

    @Test
    void aFileThatCannotBeWrittenSaysSoOnceAndFallsBackToStderr() throws Exception {
        Path gone = Files.createDirectory(dir.resolve("gone"));
        Path file = gone.resolve("warnings.log");
        Consumer<String> lines = WarningLines.of(AgentOptions.parse("global-lock-warning=" + file));
        Files.delete(gone); // after the options were checked
        lines.accept("contention: one");
        lines.accept("contention: two");
        String[] printed = stderr().split(System.lineSeparator());
        assertThat(printed).hasSize(3);
        assertThat(printed[0]).startsWith("contention: cannot write global-lock warnings to " + file + " (")
                .endsWith("); printing them on stderr instead");
        assertThat(printed[1]).isEqualTo("contention: one");
        assertThat(printed[2]).isEqualTo("contention: two");
        assertThat(file).doesNotExist();
    }
}
