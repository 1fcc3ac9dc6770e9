// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.read;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/**
 * A recording that cannot be read at all; the message is the one lower-case line a person sees, naming
 * the problem and the file.
 */
public final class UnreadableRecordingException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A problem described by {@code problem}, followed by the quoted file name. */
    public UnreadableRecordingException(String problem, String file) {
        this(problem + " '" + file + "'");
    }

    private UnreadableRecordingException(String message) {
        super(message);
    }

    /** The file is a directory. */
    public static UnreadableRecordingException directory(String file) {
        return new UnreadableRecordingException("'" + file + "' is a directory, not a recording");
    }

    /** The one-line description of an I/O failure while opening or reading {@code file}. */
    public static UnreadableRecordingException of(IOException failure, String file) {
        if (failure instanceof AccessDeniedException) {
            return new UnreadableRecordingException("permission denied reading", file);
        }
        if (failure instanceof NoSuchFileException) {
            return new UnreadableRecordingException("no such file", file);
        }
        if (failure instanceof EOFException) {
            return new UnreadableRecordingException("recording is truncated, no event could be read in", file);
        }
        return new UnreadableRecordingException("cannot read recording (" + describe(failure) + ")", file);
    }

    /** A failure's message as a lower-case phrase without a final period, for use inside a sentence. */
    static String describe(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getSimpleName();
        }
        message = message.strip();
        if (message.endsWith(".")) {
            message = message.substring(0, message.length() - 1);
        }
        return message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
    }
}
