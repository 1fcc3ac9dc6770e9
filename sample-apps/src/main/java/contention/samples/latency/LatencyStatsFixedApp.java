// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.latency;

import contention.samples.common.SampleArgs;
import java.time.Duration;

/**
 * Fixed twin of {@link LatencyStatsApp}: the map only finds the endpoint's summary ({@code computeIfAbsent},
 * which locks a bin only the first time); each thread records into its own slot of that summary, merged when read.
 */
public final class LatencyStatsFixedApp {

    public static void main(String[] args) throws InterruptedException {
        SampleArgs parsed = SampleArgs.parse(args, LatencyStatsFixedApp.class, Duration.ofSeconds(5), 8);
        new RequestWorkload().run("latency-stats-fixed", new StripedLatencyStats(), parsed);
    }

    private LatencyStatsFixedApp() {}
}
