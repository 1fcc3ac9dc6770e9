// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.command;

/**
 * Bad input data (a file that is missing, empty or not a recording, an output that cannot be written):
 * the command prints its message as one line and exits with {@link ContentionCli#EXIT_FAILED}.
 */
public final class UserDataException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A problem described in one lower-case sentence that names the file concerned. */
    public UserDataException(String message) {
        super(message);
    }
}
