// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.render;

import contention.analyzer.detect.Finding;
import contention.analyzer.diff.ReportDiff;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/** A before/after diff for people: findings gone and new first, then the locks, sites and pools that changed. */
public final class DiffTextRenderer {

    /** Changes smaller than this are left out of the lists: scheduling noise between two runs. */
    private static final long SHOWN_CHANGE_NANOS = 1_000_000L;
    private static final int MAX_ROWS = 15;

    /** Writes {@code diff} to {@code out}; does not close it. */
    public void render(ReportDiff diff, Writer out) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("Lock wait  ").append(Durations.human(diff.waitBeforeNanos())).append(" -> ")
                .append(Durations.human(diff.waitAfterNanos())).append("  ")
                .append(percent(diff.waitBeforeNanos(), diff.waitAfterNanos())).append("\n\n");
        findings(text, "Findings gone", diff.goneFindings());
        findings(text, "Findings new", diff.newFindings());
        changes(text, "Locks by change in wait", diff.locks(), true);
        changes(text, "Sites by change in wait", diff.sites(), false);
        if (!diff.pools().isEmpty()) {
            text.append("Executors\n");
            for (ReportDiff.PoolChange pool : diff.pools()) {
                text.append("  ").append(pool.name()).append(": queue p99 ")
                        .append(pool.queueP99BeforeNanos() < 0 ? "-" : Durations.human(pool.queueP99BeforeNanos()))
                        .append(" -> ")
                        .append(pool.queueP99AfterNanos() < 0 ? "-" : Durations.human(pool.queueP99AfterNanos()))
                        .append(", parallelism ").append(ratio(pool.parallelismBefore())).append(" -> ")
                        .append(ratio(pool.parallelismAfter())).append('\n');
            }
        }
        out.write(text.toString());
        out.flush();
    }

    private static void findings(StringBuilder text, String heading, List<Finding> findings) {
        text.append(heading).append(findings.isEmpty() ? ": none\n" : "\n");
        for (Finding finding : findings) {
            text.append("  ").append(finding.severity().label().toUpperCase(Locale.ROOT)).append(' ')
                    .append(finding.kind().label()).append(": ").append(finding.title()).append('\n');
        }
        text.append('\n');
    }

    private static void changes(StringBuilder text, String heading, List<ReportDiff.Change> changes,
            boolean utilization) {
        List<ReportDiff.Change> shown = changes.stream()
                .filter(c -> Math.abs(c.deltaNanos()) >= SHOWN_CHANGE_NANOS).limit(MAX_ROWS).toList();
        text.append(heading).append(shown.isEmpty() ? ": none over 1 ms\n\n" : "\n");
        for (ReportDiff.Change change : shown) {
            text.append("  ").append(Durations.human(change.waitBeforeNanos())).append(" -> ")
                    .append(Durations.human(change.waitAfterNanos())).append("  ")
                    .append(percent(change.waitBeforeNanos(), change.waitAfterNanos()));
            if (utilization && (change.utilizationBefore() >= 0 || change.utilizationAfter() >= 0)) {
                text.append("  utilization ").append(share(change.utilizationBefore())).append(" -> ")
                        .append(share(change.utilizationAfter()));
            }
            text.append("  ").append(change.name()).append('\n');
        }
        if (!shown.isEmpty()) {
            text.append('\n');
        }
    }

    static String percent(long before, long after) {
        if (before < SHOWN_CHANGE_NANOS) {
            // A percentage of next to nothing says nothing (79 ns to 31 s is "+39542647316%").
            return after < SHOWN_CHANGE_NANOS ? "(under 1 ms both)" : "(from under 1 ms)";
        }
        return String.format(Locale.ROOT, "(%+.0f%%)", 100.0 * (after - before) / before);
    }

    private static String share(double value) {
        return value < 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", value * 100);
    }

    private static String ratio(double value) {
        return value < 0 ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }
}
