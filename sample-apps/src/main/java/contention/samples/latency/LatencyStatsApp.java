// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.latency;

import contention.samples.common.SampleArgs;
import java.time.Duration;

/**
 * Problem: request threads fold each latency into a per-endpoint summary with
 * {@code ConcurrentHashMap.merge}, whose function rebuilds the summary while it holds the endpoint's bin lock: most
 * requests go to one endpoint, so its threads go one at a time.
 * Run: {@code java -cp sample-apps/target/sample-apps.jar contention.samples.latency.LatencyStatsApp 5s 8}.
 */
public final class LatencyStatsApp {

    public static void main(String[] args) throws InterruptedException {
        SampleArgs parsed = SampleArgs.parse(args, LatencyStatsApp.class, Duration.ofSeconds(5), 8);
        new RequestWorkload().run("latency-stats", new MergedLatencyStats(), parsed);
    }

    private LatencyStatsApp() {}
}
