// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.live;

/** A running JVM could not be reached or read: one lower-case sentence that says why and what to do. */
public final class LiveException extends Exception {

    private static final long serialVersionUID = 1L;

    public LiveException(String message) {
        super(message);
    }
}
