// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.common;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Names pool threads {@code prefix-1, prefix-2, ...} so reports and tests can refer to them. */
public final class NamedThreadFactory implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger next = new AtomicInteger(1);

    public NamedThreadFactory(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        return new Thread(task, prefix + "-" + next.getAndIncrement());
    }
}
