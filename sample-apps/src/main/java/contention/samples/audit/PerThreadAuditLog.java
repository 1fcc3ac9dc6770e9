// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.audit;

import java.util.Formatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The fixed twin of {@link AuditLog}: each thread formats into its own buffer (builder, formatter, ring and
 * totals), which it alone writes, so appending shares nothing and takes no lock. The buffers are registered
 * once per thread in a lock-free queue and merged when the totals are read, after the writers have stopped.
 */
final class PerThreadAuditLog implements Audit {

    private final Queue<Buffer> buffers = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Buffer> mine = ThreadLocal.withInitial(this::register);

    @Override
    public void append(String actor, String action, long amountCents) {
        mine.get().append(actor, action, amountCents);
    }

    /** The sum over every thread's buffer; exact once the appending threads have stopped. */
    @Override
    public long entries() {
        long entries = 0;
        for (Buffer buffer : buffers) {
            entries += buffer.byAction.values().stream().mapToLong(Long::longValue).sum();
        }
        return entries;
    }

    private Buffer register() {
        Buffer buffer = new Buffer();
        buffers.add(buffer);
        return buffer;
    }

    /** One thread's share of the log, written by it alone: lines like {@link AuditLog}'s, numbered per thread. */
    private static final class Buffer {
        private final StringBuilder line = new StringBuilder(128);
        private final Formatter formatter = new Formatter(line, Locale.ROOT);
        private final String[] ring = new String[AuditLog.RING];
        private final Map<String, Long> byAction = new HashMap<>();
        private long sequence;

        void append(String actor, String action, long amountCents) {
            sequence++;
            line.setLength(0);
            formatter.format("%010d %-10s %-8s %,14.2f EUR", sequence, actor, action, amountCents / 100.0);
            ring[(int) (sequence % AuditLog.RING)] = line.toString();
            byAction.merge(action, 1L, Long::sum);
        }
    }
}
