// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.render;

import contention.analyzer.aggregate.BucketHistograms;
import contention.analyzer.live.TopWindow;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** One screen of {@code contention top}: warnings first, then locks by wait, pools, and threads by state. */
public final class TopText {

    /** Rows of locks and of pools shown. */
    static final int ROWS = 10;

    /**
     * Writes the screen for an interval of {@code intervalNanos}.
     *
     * @param header the first line: target, time, how to quit
     * @param note a line under it (what is not shown and why), or null
     * @param states threads by state, most common first
     */
    public static void write(PrintWriter out, String header, String note, TopWindow.Snapshot snapshot,
            long intervalNanos, Map<String, Integer> states) {
        out.println(header);
        if (note != null) {
            out.println(note);
        }
        for (String warning : snapshot.warnings()) {
            out.println("!! " + warning);
        }
        out.println();
        out.println("Locks by wait in the last " + seconds(intervalNanos) + " (WAIT/S: seconds waited per second, by all"
                + " threads; HELD: share of the time held)");
        if (snapshot.locks().isEmpty()) {
            out.println("  none waited for");
        } else {
            out.printf(Locale.ROOT, "  %8s %8s %6s %7s  %s%n", "WAIT/S", "WAITS", "WAITERS", "HELD", "LOCK");
            for (TopWindow.LockRow row : snapshot.locks().subList(0, Math.min(ROWS, snapshot.locks().size()))) {
                out.printf(Locale.ROOT, "  %8s %8d %6s %7s  %s%s%n",
                        seconds(Math.round(row.waitNanos * 1e9 / Math.max(1, intervalNanos))), row.waits,
                        row.waiters == 0 ? "-" : Integer.toString(row.waiters),
                        row.periodNanos == 0 ? "-" : percent(row.holdNanos, row.periodNanos), row.lock,
                        row.where.isEmpty() ? "" : " " + row.where);
            }
        }
        if (!snapshot.pools().isEmpty()) {
            out.println();
            out.println("Pools");
            out.printf(Locale.ROOT, "  %-24s %7s %6s %6s %8s %12s%n", "POOL", "THREADS", "ACTIVE", "QUEUE",
                    "TASKS/S", "QUEUE WAIT p99");
            for (TopWindow.PoolRow row : snapshot.pools().subList(0, Math.min(ROWS, snapshot.pools().size()))) {
                long p99 = row.queueWait.getTotalCount() == 0 ? -1
                        : BucketHistograms.midpoint(BucketHistograms.index(row.queueWait.getValueAtPercentile(99)));
                out.printf(Locale.ROOT, "  %-24s %7d %6d %6d %8.0f %12s%n", row.name, row.threads, row.active,
                        row.queueDepth, row.periodNanos == 0 ? 0.0 : row.completed * 1e9 / row.periodNanos,
                        p99 < 0 ? "-" : Durations.human(p99));
            }
        }
        out.println();
        StringBuilder line = new StringBuilder("Threads:");
        states.forEach((state, count) -> line.append(' ').append(count).append(' ').append(state).append(','));
        line.setLength(line.length() - 1);
        out.println(line);
        out.flush();
    }

    private static String seconds(long nanos) {
        return Durations.human(nanos);
    }

    private static String percent(long part, long whole) {
        return Math.round(100.0 * part / Math.max(1, whole)) + "%";
    }

    private TopText() {}
}
