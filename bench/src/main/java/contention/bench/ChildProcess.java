// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** One child JVM (a sample app, the analyzer) run to its end or killed at a deadline; never waits forever. */
final class ChildProcess {

    /** A run gets its own length plus this long to start, stop and write its recording before it is killed. */
    static final long GRACE_SECONDS = 120;

    /** The {@code java} of the JVM that runs the bench, so that one invocation measures one JDK. */
    static String java() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Starts {@code builder} (its redirections already set) and waits up to {@code timeoutSeconds}; {@code what}
     * names the run in the message of a failure, {@code log} is where to look.
     */
    static void run(ProcessBuilder builder, long timeoutSeconds, String what, Path log) throws BenchException {
        try {
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new BenchException(what + " did not finish in " + timeoutSeconds + " s; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new BenchException(what + " exited with " + process.exitValue() + "; see " + log);
            }
        } catch (IOException e) {
            throw new BenchException("could not run " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while " + what + " ran", e);
        }
    }

    /** A sample app's duration argument in whole seconds, rounded up; {@code 500ms} counts as 1. */
    static long seconds(String duration) {
        String d = duration.trim().toLowerCase(Locale.ROOT);
        try {
            if (d.endsWith("ms")) {
                return Math.max(1, (Long.parseLong(d.substring(0, d.length() - 2)) + 999) / 1000);
            }
            if (d.endsWith("s")) {
                return (long) Math.ceil(Double.parseDouble(d.substring(0, d.length() - 1)));
            }
        } catch (NumberFormatException e) {
            // the app will reject it and say why; allow it the grace period
        }
        return 0;
    }

    private ChildProcess() {}
}
