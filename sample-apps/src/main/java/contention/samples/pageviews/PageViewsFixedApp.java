// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.pageviews;

import contention.samples.common.SampleArgs;
import java.time.Duration;

/**
 * Fixed: the same increments on a {@code LongAdder} ({@link StripedPageViewCounter#views}), which spreads contending
 * threads over padded cells and sums them when read.
 * Run: {@code java -cp sample-apps/target/sample-apps.jar contention.samples.pageviews.PageViewsFixedApp 5s 2}.
 */
public final class PageViewsFixedApp {

    public static void main(String[] args) throws InterruptedException {
        SampleArgs parsed = SampleArgs.parse(args, PageViewsFixedApp.class, Duration.ofSeconds(5), 2);
        new PageViewWorkload().run("page-views-fixed", new StripedPageViewCounter(), parsed);
    }

    private PageViewsFixedApp() {}
}
