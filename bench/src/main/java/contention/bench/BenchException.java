// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.bench;

/** A run that could not be measured: a fork or a sample app failed, or printed no result. One-line message. */
final class BenchException extends Exception {
    private static final long serialVersionUID = 1L;

    BenchException(String message) {
        super(message);
    }

    BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
