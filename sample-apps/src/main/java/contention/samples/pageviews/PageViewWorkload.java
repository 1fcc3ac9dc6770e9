// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.pageviews;

import contention.samples.common.SampleArgs;
import contention.samples.common.WorkerThreads;
import java.util.Locale;

/** {@code page-view-N} request threads count every page view in one shared counter; prints one summary line. */
final class PageViewWorkload {

    void run(String name, ViewCounter counter, SampleArgs args) throws InterruptedException {
        long started = System.nanoTime();
        double steady = WorkerThreads.run("page-view", args.threads, args.duration, counter::views,
                thread -> counter.recordView());
        double seconds = (System.nanoTime() - started) / 1e9;
        long operations = counter.views();
        // Referred to from tests and docs/false-sharing-samples.md: one line, key=value; operations are increments.
        System.out.printf(Locale.ROOT, "%s operations=%d threads=%d seconds=%.2f throughput=%.0f/s steady=%.0f/s%n",
                name, operations, args.threads, seconds, operations / seconds, steady);
    }
}
