// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.stats;

import contention.samples.common.SampleArgs;
import java.time.Duration;

/**
 * Fixed: the same increments by the same threads, on {@link PaddedRequestStats}, whose counters are 128 bytes apart
 * (padding inherited from superclasses), so each writer keeps its own cache line.
 * Run: {@code java -cp sample-apps/target/sample-apps.jar contention.samples.stats.RequestStatsFixedApp 5s 2}.
 */
public final class RequestStatsFixedApp {

    public static void main(String[] args) throws InterruptedException {
        SampleArgs parsed = SampleArgs.parse(args, RequestStatsFixedApp.class, Duration.ofSeconds(5), 2, 1,
                StatsWorkload.MAX_THREADS);
        new StatsWorkload().run("request-stats-fixed", new PaddedRequestStats(), parsed);
    }

    private RequestStatsFixedApp() {}
}
