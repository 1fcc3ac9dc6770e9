// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.stats;

import contention.samples.common.SampleArgs;
import java.time.Duration;
import java.util.Arrays;

/**
 * Fixed twin of {@link HandleStatsApp}: the same updaters or handles on counters 128 bytes apart
 * ({@link PaddedHandleRequestStats}).
 * Run: {@code java -cp sample-apps/target/sample-apps.jar contention.samples.stats.HandleStatsFixedApp 5s 2 varhandle}.
 */
public final class HandleStatsFixedApp {

    public static void main(String[] args) throws InterruptedException {
        SampleArgs parsed = SampleArgs.parse(Arrays.copyOf(args, Math.min(args.length, 2)), HandleStatsFixedApp.class,
                Duration.ofSeconds(5), 2, 1, StatsWorkload.MAX_THREADS);
        new StatsWorkload().run("handle-stats",
                new PaddedHandleRequestStats(HandleStatsApp.access(args, HandleStatsFixedApp.class)), parsed);
    }

    private HandleStatsFixedApp() {}
}
