// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.logging;

import contention.samples.common.SampleArgs;
import java.time.Duration;

/**
 * Problem: every request thread logs through one {@code java.util.logging.StreamHandler}, which formats and writes
 * each record while holding its lock.
 * Run: {@code java -cp sample-apps/target/sample-apps.jar contention.samples.logging.RequestLogApp 5s 8}.
 */
public final class RequestLogApp {

    public static void main(String[] args) throws InterruptedException {
        SampleArgs parsed = SampleArgs.parse(args, RequestLogApp.class, Duration.ofSeconds(5), 8);
        RequestWorkload.run("request-log", new RequestLog("requests"), parsed);
    }

    private RequestLogApp() {}
}
