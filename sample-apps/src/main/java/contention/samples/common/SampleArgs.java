// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.common;

import java.time.Duration;

/**
 * Command-line arguments shared by every sample app: {@code [duration] [threads]}, e.g. {@code 5s 8}.
 */
public final class SampleArgs {

    public final Duration duration;
    public final int threads;

    private SampleArgs(Duration duration, int threads) {
        this.duration = duration;
        this.threads = threads;
    }

    /** Parses {@code [duration] [threads]}; a bad argument prints usage and exits with status 2. */
    public static SampleArgs parse(String[] args, Class<?> main, Duration defaultDuration, int defaultThreads) {
        return parse(args, main, defaultDuration, defaultThreads, 1, Integer.MAX_VALUE);
    }

    /**
     * As {@link #parse(String[], Class, Duration, int)}, for workloads that need between {@code minThreads} and
     * {@code maxThreads} threads (one per counter field, or a writer and at least one reader).
     */
    public static SampleArgs parse(String[] args, Class<?> main, Duration defaultDuration, int defaultThreads,
            int minThreads, int maxThreads) {
        try {
            Duration duration = args.length > 0 ? parseDuration(args[0]) : defaultDuration;
            int threads = args.length > 1 ? Integer.parseInt(args[1]) : defaultThreads;
            if (threads < minThreads) {
                throw new IllegalArgumentException("threads must be at least " + minThreads);
            }
            if (threads > maxThreads) {
                throw new IllegalArgumentException("threads must be at most " + maxThreads);
            }
            return new SampleArgs(duration, threads);
        } catch (RuntimeException e) {
            System.err.println(main.getSimpleName() + ": " + e.getMessage());
            System.err.println("usage: java -cp sample-apps.jar " + main.getName()
                    + " [duration, e.g. 5s or 500ms] [threads]");
            System.exit(2);
            throw e; // not reached
        }
    }

    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
        }
        throw new IllegalArgumentException("bad duration '" + text + "' (use e.g. 5s or 500ms)");
    }
}
