// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.live;

import contention.analyzer.aggregate.BucketHistograms;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import org.HdrHistogram.Histogram;

/**
 * What {@code contention top} shows for one refresh: the events streamed from the target since the last one,
 * summed per lock and per pool, and the global-lock warnings. Fed from the stream's thread, read by the screen's.
 *
 * <p>Assumptions and guarantees: every method synchronizes on this window; {@link #take} hands the interval's sums
 * over and starts a new interval. Bounded by the target's locks and pools ({@link #MAX_KEYS} each).
 */
public final class TopWindow {

    /** Locks and pools told apart per interval; a target with more folds the rest away. */
    static final int MAX_KEYS = 1_000;

    /** One lock's interval. */
    public static final class LockRow {
        public final String lock;
        public String where = "";
        public long waitNanos;
        public long waits;
        public long holdNanos;
        public long periodNanos; // the agent's periods summed: what its hold time is out of
        public int waiters;
        boolean monitor; // the agent's row of a monitor, whose waits come from the JVM's events
        final java.util.Set<Long> waitingThreads = new java.util.HashSet<>(); // from the JVM's events

        LockRow(String lock) {
            this.lock = lock;
        }
    }

    /** One pool's interval. */
    public static final class PoolRow {
        public final String name;
        public int threads;
        public int active;
        public int queueDepth;
        public long completed;
        public long periodNanos;
        public final Histogram queueWait = BucketHistograms.newHistogram();

        PoolRow(String name) {
            this.name = name;
        }
    }

    private Map<String, LockRow> locks = new HashMap<>();
    private Map<String, PoolRow> pools = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();

    /** A {@code contention.LockStats} period of one lock (the agent's). */
    public synchronized void lockStats(RecordedEvent event) {
        String lockClass = event.getString("lockClass");
        String field = event.hasField("field") ? event.getString("field") : null;
        String site = event.getString("allocationSite");
        LockRow row = lock(lockClass + "#" + event.getLong("lockId"), lockClass);
        if (row == null) {
            return;
        }
        row.where = field != null && !field.isEmpty() ? "in " + field
                : site == null || site.isEmpty() ? "" : "created at " + firstLine(site);
        row.waitNanos += event.getLong("waitNanos");
        row.waits += event.getLong("contendedAcquisitions");
        row.holdNanos += event.getLong("holdNanos");
        row.periodNanos += event.getLong("periodNanos");
        row.waiters = Math.max(row.waiters, event.getInt("waitingThreads"));
        row.monitor = event.hasField("monitor") && event.getBoolean("monitor");
    }

    /** A {@code jdk.JavaMonitorEnter} or {@code jdk.ThreadPark} wait: the JVM's view of a lock, by class and site. */
    public synchronized void jdkWait(RecordedEvent event, String lockClass) {
        if (lockClass == null || lockClass.startsWith("jdk.jfr.") || lockClass.startsWith("jdk.management.")) {
            return; // JFR's own locks, busy with serving this very stream
        }
        String site = site(event.getStackTrace());
        LockRow row = lock(lockClass + "@" + site, lockClass);
        if (row == null) {
            return;
        }
        row.where = site.isEmpty() ? "" : "waited for at " + site;
        row.waitNanos += event.getDuration().toNanos();
        row.waits++;
        if (event.getThread() != null && row.waitingThreads.size() < 10_000) {
            row.waitingThreads.add(event.getThread().getJavaThreadId());
        }
    }

    /** A {@code contention.ExecutorStats} period of one pool. */
    public synchronized void executorStats(RecordedEvent event) {
        String name = event.getString("poolName");
        if (name == null || name.startsWith("RMI ") || name.startsWith("JMX ")) {
            return; // the target's JMX agent serving this very view
        }
        PoolRow row = pools.get(name);
        if (row == null) {
            if (pools.size() >= MAX_KEYS) {
                return;
            }
            row = new PoolRow(name);
            pools.put(name, row);
        }
        row.threads = event.getInt("poolSize");
        row.active = Math.max(row.active, event.getInt("activeThreads"));
        row.queueDepth = Math.max(row.queueDepth, event.getInt("queueDepth"));
        row.completed += event.getLong("completed");
        row.periodNanos += event.getLong("periodNanos");
        String histogram = event.getString("queueWaitHistogram");
        if (histogram != null && !histogram.isEmpty()) {
            BucketHistograms.decodeInto(histogram, row.queueWait);
        }
    }

    /** A global-lock warning of the agent's: shown as a banner from now on. */
    public synchronized void globalLockWarning(String message) {
        if (message != null && !message.isBlank() && !warnings.contains(message) && warnings.size() < 10) {
            warnings.add(message);
        }
    }

    /** The interval's locks, most waited for first, and its pools; starts the next interval. */
    public synchronized Snapshot take() {
        List<LockRow> lockRows = mergeMonitorWaits(locks);
        lockRows.sort(Comparator.comparingLong((LockRow r) -> r.waitNanos).reversed());
        List<PoolRow> poolRows = new ArrayList<>(pools.values());
        poolRows.sort(Comparator.comparingInt((PoolRow r) -> r.active).reversed().thenComparing(r -> r.name));
        locks = new HashMap<>();
        pools = new HashMap<>();
        return new Snapshot(lockRows, poolRows, List.copyOf(warnings));
    }

    /** One interval's rows. */
    public record Snapshot(List<LockRow> locks, List<PoolRow> pools, List<String> warnings) {}

    // The JVM's monitor waits, by class and site, go to the agent's row of that monitor when it has one of the
    // class: the agent times holds, the JVM waits.
    private static List<LockRow> mergeMonitorWaits(Map<String, LockRow> locks) {
        Map<String, List<LockRow>> agentMonitors = new HashMap<>();
        for (Map.Entry<String, LockRow> e : locks.entrySet()) {
            if (e.getValue().monitor) {
                agentMonitors.computeIfAbsent(e.getValue().lock, c -> new ArrayList<>()).add(e.getValue());
            }
        }
        List<LockRow> rows = new ArrayList<>();
        for (Map.Entry<String, LockRow> e : locks.entrySet()) {
            LockRow row = e.getValue();
            List<LockRow> owners = agentMonitors.get(row.lock);
            boolean jdkRow = e.getKey().contains("@");
            if (jdkRow && owners != null && owners.size() == 1) {
                LockRow owner = owners.get(0);
                owner.waitNanos += row.waitNanos;
                owner.waits += row.waits;
                owner.waitingThreads.addAll(row.waitingThreads);
            } else {
                rows.add(row);
            }
        }
        for (LockRow row : rows) {
            row.waiters = Math.max(row.waiters, row.waitingThreads.size());
        }
        return rows;
    }

    private LockRow lock(String key, String lockClass) {
        LockRow row = locks.get(key);
        if (row == null && locks.size() < MAX_KEYS) {
            row = new LockRow(lockClass);
            locks.put(key, row);
        }
        return row;
    }

    // The first frame outside the JDK: where the app waits.
    private static String site(RecordedStackTrace stack) {
        if (stack == null) {
            return "";
        }
        for (RecordedFrame frame : stack.getFrames()) {
            String type = frame.getMethod().getType().getName();
            if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
                return type + "." + frame.getMethod().getName() + "(" + frame.getLineNumber() + ")";
            }
        }
        return "";
    }

    /** The class a {@code jdk.ThreadPark} parked on, or a {@code jdk.JavaMonitorEnter}'s monitor class. */
    public static String blockerClass(RecordedEvent event, String field) {
        if (!event.hasField(field)) {
            return null;
        }
        RecordedClass type = event.getValue(field);
        return type == null ? null : type.getName();
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
