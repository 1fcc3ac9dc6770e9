// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.stats;

import contention.samples.common.SampleArgs;
import java.time.Duration;

/**
 * Problem: each {@code stats-writer-N} thread increments its own counter of one shared {@link RequestStats}
 * ({@code hits}, {@code misses}, {@code errors}, {@code timeouts}: adjacent {@code volatile long} fields, one cache
 * line), so the threads share no data yet take the line from each other on every write (false sharing).
 * Run: {@code java -cp sample-apps/target/sample-apps.jar contention.samples.stats.RequestStatsApp 5s 2}
 * (2 to 4 threads, one per counter).
 */
public final class RequestStatsApp {

    public static void main(String[] args) throws InterruptedException {
        SampleArgs parsed = SampleArgs.parse(args, RequestStatsApp.class, Duration.ofSeconds(5), 2, 1,
                StatsWorkload.MAX_THREADS);
        new StatsWorkload().run("request-stats", new RequestStats(), parsed);
    }

    private RequestStatsApp() {}
}
