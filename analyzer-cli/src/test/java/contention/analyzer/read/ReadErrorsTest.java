// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** The one-line messages for I/O failures, including those a test running as root cannot provoke. */
class ReadErrorsTest {

    @Test
    void permissionDenied() {
        assertThat(UnreadableRecordingException.of(new AccessDeniedException("/r/x.jfr"), "x.jfr"))
                .hasMessage("permission denied reading 'x.jfr'");
    }

    @Test
    void vanishedFile() {
        assertThat(UnreadableRecordingException.of(new NoSuchFileException("/r/x.jfr"), "x.jfr"))
                .hasMessage("no such file 'x.jfr'");
    }

    @Test
    void cutBeforeTheFirstEvent() {
        assertThat(UnreadableRecordingException.of(new EOFException("Trying to read at 100"), "x.jfr"))
                .hasMessage("recording is truncated, no event could be read in 'x.jfr'");
    }

    @Test
    void otherFailureIsOneLowerCaseLine() {
        assertThat(UnreadableRecordingException.of(new IOException("Unsupported recording version 3.0."), "x.jfr"))
                .hasMessage("cannot read recording (unsupported recording version 3.0) 'x.jfr'");
    }

    @Test
    void directory() {
        assertThat(UnreadableRecordingException.directory("runs")).hasMessage("'runs' is a directory, not a recording");
    }
}
