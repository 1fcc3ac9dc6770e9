// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.it.support;

/** What a finished command printed, and how it exited. */
public class Output {
    public final int exitCode;
    public final String stdout;
    public final String stderr;

    public Output(int exitCode, String stdout, String stderr) {
        this.exitCode = exitCode;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
}
