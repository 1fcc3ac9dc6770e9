// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.trace;

import contention.samples.common.SampleArgs;
import java.time.Duration;

/**
 * Problem: request handlers write a debug trace into one shared {@code StringBuffer} field; every line takes the
 * buffer's monitor. Run: {@code java -cp sample-apps/target/sample-apps.jar contention.samples.trace.TraceApp 5s 8}.
 */
public final class TraceApp {

    public static void main(String[] args) throws InterruptedException {
        SampleArgs parsed = SampleArgs.parse(args, TraceApp.class, Duration.ofSeconds(5), 8);
        new TraceWorkload().run("trace", new SharedTrace(), parsed);
    }

    private TraceApp() {}
}
