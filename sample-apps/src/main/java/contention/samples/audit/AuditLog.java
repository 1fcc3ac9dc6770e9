// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.audit;

import java.util.Formatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An in-memory audit log the way it often starts: one {@link Formatter} over one reused {@link StringBuilder}, a
 * ring of the latest lines and per-action totals, all guarded by a {@code synchronized} block on a private lock
 * object. The line is formatted inside the block (the shared builder needs the lock), so every thread that
 * audits anything queues on this one monitor for the whole formatting.
 */
final class AuditLog implements Audit {

    static final int RING = 4_096;

    private final Object lock = new Object();
    private final StringBuilder line = new StringBuilder(128);
    private final Formatter formatter = new Formatter(line, Locale.ROOT);
    private final String[] ring = new String[RING];
    private final Map<String, Long> byAction = new HashMap<>();
    private long sequence;

    @Override
    public void append(String actor, String action, long amountCents) {
        synchronized (lock) {
            sequence++;
            line.setLength(0);
            formatter.format("%010d %-10s %-8s %,14.2f EUR", sequence, actor, action, amountCents / 100.0);
            ring[(int) (sequence % RING)] = line.toString();
            byAction.merge(action, 1L, Long::sum);
        }
    }

    @Override
    public long entries() {
        synchronized (lock) {
            return byAction.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
