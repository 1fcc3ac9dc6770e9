// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.live;

import contention.analyzer.read.Frames;
import java.lang.management.LockInfo;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every thread of a JVM at one moment, with the lock it waits for and its owner, the locks it holds and the top of
 * its stack, and the deadlock cycles among them spelled out, built from the target's {@code ThreadMXBean}
 * ({@code dumpAllThreads(true, true)} and {@code findDeadlockedThreads()}, which covers monitors and ownable
 * synchronizers such as {@code ReentrantLock}).
 *
 * @param threads the threads, those in a deadlock first, then blocked, waiting, running, each by name
 * @param deadlocks each cycle once, starting at its thread with the lowest id
 */
public record ThreadDump(List<ThreadEntry> threads, List<Cycle> deadlocks) {

    /** Frames kept per thread: enough to see where it is, as {@code jstack}'s first lines do. */
    public static final int FRAMES_KEPT = 8;

    /**
     * One thread.
     *
     * @param waitingFor the lock it is blocked on or waits for ({@code com.acme.Account@1b6d3586}), or null
     * @param owner the name of the thread that holds that lock, or null
     * @param holds the monitors and ownable synchronizers it holds
     * @param frames the top of its stack, {@code package.Class.method(File.java:LINE)}
     */
    public record ThreadEntry(long id, String name, String state, boolean daemon, String waitingFor, String owner,
            long ownerId, List<String> holds, List<String> frames) {}

    /** One thread of a deadlock: the lock it waits for, where, and who holds it. */
    public record Link(String thread, long threadId, String waitsFor, String site, String heldBy) {}

    /** Threads that each wait for a lock the next one holds, the last for the first's. */
    public record Cycle(List<Link> links) {}

    /** The dump of {@code infos}, where the threads {@code deadlocked} (may be null: none) are in cycles. */
    public static ThreadDump of(ThreadInfo[] infos, long[] deadlocked) {
        Map<Long, ThreadInfo> byId = new HashMap<>();
        for (ThreadInfo info : infos) {
            if (info != null) {
                byId.put(info.getThreadId(), info);
            }
        }
        List<Cycle> cycles = cycles(byId, deadlocked == null ? new long[0] : deadlocked);
        Set<Long> inCycles = new LinkedHashSet<>();
        cycles.forEach(c -> c.links().forEach(l -> inCycles.add(l.threadId())));
        List<ThreadEntry> threads = new ArrayList<>();
        for (ThreadInfo info : byId.values()) {
            threads.add(entry(info));
        }
        threads.sort(Comparator.comparing((ThreadEntry t) -> !inCycles.contains(t.id()))
                .thenComparing(t -> rank(t.state()))
                .thenComparing(ThreadEntry::name));
        return new ThreadDump(threads, cycles);
    }

    /** Whether any deadlock was found. */
    public boolean deadlocked() {
        return !deadlocks.isEmpty();
    }

    private static int rank(String state) {
        switch (state) {
            case "BLOCKED": return 0;
            case "WAITING": return 1;
            case "TIMED_WAITING": return 2;
            case "RUNNABLE": return 3;
            default: return 4;
        }
    }

    private static ThreadEntry entry(ThreadInfo info) {
        List<String> holds = new ArrayList<>();
        for (MonitorInfo monitor : info.getLockedMonitors()) {
            holds.add(describe(monitor));
        }
        for (LockInfo synchronizer : info.getLockedSynchronizers()) {
            holds.add(describe(synchronizer));
        }
        List<String> frames = new ArrayList<>();
        StackTraceElement[] stack = info.getStackTrace();
        for (int i = 0; i < Math.min(stack.length, FRAMES_KEPT); i++) {
            frames.add(Frames.format(stack[i]));
        }
        LockInfo lock = info.getLockInfo();
        return new ThreadEntry(info.getThreadId(), info.getThreadName(), info.getThreadState().name(),
                info.isDaemon(), lock == null ? null : describe(lock), info.getLockOwnerName(), info.getLockOwnerId(),
                holds, frames);
    }

    // Follows each deadlocked thread to the owner of the lock it waits for until a thread repeats.
    private static List<Cycle> cycles(Map<Long, ThreadInfo> byId, long[] deadlocked) {
        List<Cycle> cycles = new ArrayList<>();
        Set<Long> seen = new LinkedHashSet<>();
        long[] ids = deadlocked.clone();
        java.util.Arrays.sort(ids);
        for (long start : ids) {
            if (seen.contains(start)) {
                continue;
            }
            List<Long> path = new ArrayList<>();
            long current = start;
            while (current != -1 && !path.contains(current) && byId.containsKey(current) && !seen.contains(current)) {
                path.add(current);
                current = byId.get(current).getLockOwnerId();
            }
            seen.addAll(path);
            int from = path.indexOf(current);
            if (from < 0) {
                continue; // waits for a thread of a cycle already spelled out, or for one that is not deadlocked
            }
            List<Long> cycle = new ArrayList<>(path.subList(from, path.size()));
            int lowest = cycle.indexOf(cycle.stream().min(Long::compare).orElseThrow());
            java.util.Collections.rotate(cycle, -lowest);
            List<Link> links = new ArrayList<>();
            for (long id : cycle) {
                ThreadInfo info = byId.get(id);
                links.add(new Link(info.getThreadName(), id, info.getLockInfo() == null ? "?"
                        : describe(info.getLockInfo()), waitingSite(info), info.getLockOwnerName()));
            }
            cycles.add(new Cycle(links));
        }
        return cycles;
    }

    // Where the thread waits: its first frame outside the JDK's lock machinery (the app's lock() or synchronized).
    static String waitingSite(ThreadInfo info) {
        StackTraceElement[] stack = info.getStackTrace();
        for (StackTraceElement element : stack) {
            String c = element.getClassName();
            if (!c.startsWith("java.util.concurrent.locks.") && !c.startsWith("jdk.internal.misc.")
                    && !c.startsWith("sun.misc.")) {
                return Frames.format(element);
            }
        }
        return stack.length > 0 ? Frames.format(stack[0]) : "?";
    }

    /** {@code com.acme.Account@1b6d3586}: the class and identity hash, as thread dumps name a lock. */
    static String describe(LockInfo lock) {
        return lock.getClassName() + "@" + Integer.toHexString(lock.getIdentityHashCode());
    }

}
