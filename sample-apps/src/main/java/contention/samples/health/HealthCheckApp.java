// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.health;

import contention.samples.common.SampleArgs;
import java.time.Duration;

/**
 * Problem: {@code heartbeat-writer-1} keeps writing {@link ServiceHealth#heartbeats} while {@code request-reader-N}
 * threads read {@link ServiceHealth#connectionLimit}, the adjacent field of the same object, which never changes:
 * every write takes the shared cache line from the readers (false sharing, reader/writer case).
 * Run: {@code java -cp sample-apps/target/sample-apps.jar contention.samples.health.HealthCheckApp 5s 2}
 * (one writer, the other threads read; at least 2).
 */
public final class HealthCheckApp {

    public static void main(String[] args) throws InterruptedException {
        SampleArgs parsed = SampleArgs.parse(args, HealthCheckApp.class, Duration.ofSeconds(5), 2, 2,
                Integer.MAX_VALUE);
        new HealthWorkload().run("health-check", new ServiceHealth(), parsed);
    }

    private HealthCheckApp() {}
}
