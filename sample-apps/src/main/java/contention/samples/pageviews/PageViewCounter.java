// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.pageviews;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One {@link AtomicLong} that every request thread increments: all threads write the same variable, so its cache
 * line moves between them on every view. That is true sharing, not false sharing: padding cannot help, only
 * spreading the writes (LongAdder) can.
 */
final class PageViewCounter implements ViewCounter {

    final AtomicLong views = new AtomicLong();

    @Override
    public void recordView() {
        views.incrementAndGet();
    }

    @Override
    public long views() {
        return views.get();
    }
}
