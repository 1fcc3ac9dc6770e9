// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.trace;

import contention.samples.common.SampleArgs;
import java.time.Duration;

/** The fix for {@link TraceApp}: a {@code StringBuilder} per thread, so no line waits for another thread's. */
public final class TraceFixedApp {

    public static void main(String[] args) throws InterruptedException {
        SampleArgs parsed = SampleArgs.parse(args, TraceFixedApp.class, Duration.ofSeconds(5), 8);
        new TraceWorkload().run("trace-fixed", new ThreadTrace(), parsed);
    }

    private TraceFixedApp() {}
}
