// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.trace;

import java.util.concurrent.atomic.LongAdder;

/**
 * The fix: each thread writes its own {@link StringBuilder} (no lock at all: one thread uses it), cut at the same
 * limit; a reader that wants one trace merges them.
 */
final class ThreadTrace implements Trace {

    private final ThreadLocal<StringBuilder> buffer =
            ThreadLocal.withInitial(() -> new StringBuilder(SharedTrace.LIMIT_CHARS / 8));
    private final LongAdder lines = new LongAdder();

    @Override
    public void line(String text) {
        StringBuilder own = buffer.get();
        own.append(Thread.currentThread().getName()).append(' ').append(text).append('\n');
        if (own.length() > SharedTrace.LIMIT_CHARS / 8) {
            own.delete(0, SharedTrace.LIMIT_CHARS / 16);
        }
        lines.increment();
    }

    @Override
    public long lines() {
        return lines.sum();
    }
}
