// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.health;

import contention.samples.common.SampleArgs;
import java.time.Duration;

/**
 * Fixed: the same heartbeats and the same reads, on {@link PaddedServiceHealth}, whose two fields are 128 bytes
 * apart, so the readers' line stays in their caches.
 * Run: {@code java -cp sample-apps/target/sample-apps.jar contention.samples.health.HealthCheckFixedApp 5s 2}.
 */
public final class HealthCheckFixedApp {

    public static void main(String[] args) throws InterruptedException {
        SampleArgs parsed = SampleArgs.parse(args, HealthCheckFixedApp.class, Duration.ofSeconds(5), 2, 2,
                Integer.MAX_VALUE);
        new HealthWorkload().run("health-check-fixed", new PaddedServiceHealth(), parsed);
    }

    private HealthCheckFixedApp() {}
}
