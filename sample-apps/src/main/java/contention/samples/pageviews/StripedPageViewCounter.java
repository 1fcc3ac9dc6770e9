// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.pageviews;

import java.util.concurrent.atomic.LongAdder;

/**
 * The fixed twin of {@link PageViewCounter}: a {@link LongAdder}, which gives contending threads their own padded
 * cells and sums them when read; reads are slower and not a snapshot, which a view count can live with.
 */
final class StripedPageViewCounter implements ViewCounter {

    final LongAdder views = new LongAdder();

    @Override
    public void recordView() {
        views.increment();
    }

    @Override
    public long views() {
        return views.sum();
    }
}
