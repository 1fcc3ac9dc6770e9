// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.pageviews;

import contention.samples.common.SampleArgs;
import java.time.Duration;

/**
 * Problem: every {@code page-view-N} thread increments the same {@code AtomicLong} ({@link PageViewCounter#views}):
 * true sharing, one variable written by all threads, whose cache line moves on every increment. Not false sharing:
 * padding would change nothing.
 * Run: {@code java -cp sample-apps/target/sample-apps.jar contention.samples.pageviews.PageViewsApp 5s 2}.
 */
public final class PageViewsApp {

    public static void main(String[] args) throws InterruptedException {
        SampleArgs parsed = SampleArgs.parse(args, PageViewsApp.class, Duration.ofSeconds(5), 2);
        new PageViewWorkload().run("page-views", new PageViewCounter(), parsed);
    }

    private PageViewsApp() {}
}
