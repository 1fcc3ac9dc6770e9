// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.recording;

import contention.agent.AgentLog;
import contention.agent.AgentOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Prints the agent's warning lines where the {@code global-lock-warning} option says: on stderr, nowhere, or
 * appended to a file, created if missing. A file that cannot be written costs one line on stderr, and the
 * warnings then go to stderr. Called from the lock statistics' periodic task only; a line is at most a few a
 * run, so the file is opened for each.
 */
final class WarningLines implements Consumer<String> {

    private Path file; // null: stderr

    private WarningLines(Path file) {
        this.file = file;
    }

    /** Where {@code options} send warnings: a consumer that prints, or one that drops them. */
    static Consumer<String> of(AgentOptions options) {
        switch (options.globalLockWarning()) {
            case OFF:
                return line -> {};
            case FILE:
                return new WarningLines(options.globalLockWarningFile());
            default:
                return new WarningLines(null);
        }
    }

    @Override
    public void accept(String line) {
        if (file != null) {
            try {
                Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                return;
            } catch (IOException | RuntimeException e) {
                AgentLog.info("cannot write global-lock warnings to " + file + " (" + AgentLog.describe(e)
                        + "); printing them on stderr instead");
                file = null;
            }
        }
        AgentLog.line(line);
    }
}
