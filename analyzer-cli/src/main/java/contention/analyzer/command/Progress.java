// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.command;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongConsumer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The progress line while a long recording is read: one line on standard error, rewritten in place and ended
 * when reading ends. Only from a terminal unless asked, so scripts and tests see none.
 */
final class Progress implements LongConsumer {

    private final PrintWriter err;
    private final String command;
    private final boolean on;
    private final long start = System.nanoTime();
    private boolean shown;

    private Progress(CommandSpec spec, boolean on) {
        this.err = spec.commandLine().getErr();
        this.command = spec.qualifiedName();
        this.on = on;
    }

    /** A progress line for {@code spec}'s command: on when asked, or by default when run from a terminal. */
    static Progress line(Boolean asked, CommandSpec spec) {
        return new Progress(spec, asked != null ? asked : System.console() != null);
    }

    @Override
    public void accept(long events) {
        if (on) {
            double seconds = (System.nanoTime() - start) / 1e9;
            err.print(String.format(Locale.ROOT, "\r%s: read %,d events in %.1f s", command, events, seconds));
            err.flush();
            shown = true;
        }
    }

    /** Ends the line, if one was shown, so that what follows starts on its own line. */
    void done() {
        if (shown) {
            err.println();
            err.flush();
            shown = false;
        }
    }
}
