// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.trace;

import java.util.concurrent.atomic.LongAdder;

/**
 * A debug trace the way it often starts: one {@link StringBuffer} for the whole service, because StringBuffer is
 * "the thread-safe one". Every append takes the buffer's monitor, so every request thread queues on it for each
 * line, and when the buffer reaches its limit the oldest half is cut off, while holding it.
 */
final class SharedTrace implements Trace {

    static final int LIMIT_CHARS = 1 << 20;

    private final StringBuffer buffer = new StringBuffer(LIMIT_CHARS);
    private final LongAdder lines = new LongAdder();

    @Override
    public void line(String text) {
        buffer.append(Thread.currentThread().getName()).append(' ').append(text).append('\n');
        if (buffer.length() > LIMIT_CHARS) {
            buffer.delete(0, LIMIT_CHARS / 2);
        }
        lines.increment();
    }

    @Override
    public long lines() {
        return lines.sum();
    }
}
