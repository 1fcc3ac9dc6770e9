// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.stats;

import contention.samples.common.SampleArgs;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * Problem: as {@link RequestStatsApp}, with the adjacent counters updated atomically through
 * {@code AtomicLongFieldUpdater}s ({@code updater}, the default) or {@code VarHandle}s ({@code varhandle}): the
 * threads share no data yet take one cache line from each other on every update (false sharing).
 * Run: {@code java -cp sample-apps/target/sample-apps.jar contention.samples.stats.HandleStatsApp 5s 2 varhandle}
 * (2 to 4 threads).
 */
public final class HandleStatsApp {

    public static void main(String[] args) throws InterruptedException {
        SampleArgs parsed = SampleArgs.parse(Arrays.copyOf(args, Math.min(args.length, 2)), HandleStatsApp.class,
                Duration.ofSeconds(5), 2, 1, StatsWorkload.MAX_THREADS);
        new StatsWorkload().run("handle-stats", new HandleRequestStats(access(args, HandleStatsApp.class)), parsed);
    }

    /** The third argument: {@code updater} or {@code varhandle}; anything else prints usage and exits with 2. */
    static HandleRequestStats.Access access(String[] args, Class<?> main) {
        String text = args.length > 2 ? args[2] : "updater";
        try {
            return HandleRequestStats.Access.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println(main.getSimpleName() + ": bad access '" + text + "' (use updater or varhandle)");
            System.exit(2);
            throw e; // not reached
        }
    }

    private HandleStatsApp() {}
}
