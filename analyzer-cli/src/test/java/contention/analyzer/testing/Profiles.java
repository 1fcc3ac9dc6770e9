// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.testing;

import contention.analyzer.aggregate.Profile;
import contention.analyzer.model.AgentInfo;
import contention.analyzer.model.CallSite;
import contention.analyzer.model.Lock;
import contention.analyzer.model.LockId;
import contention.analyzer.model.RecordingInfo;
import contention.analyzer.model.ThreadActivity;
import contention.analyzer.model.WaitStack;
import contention.analyzer.read.EventNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Hand-built profiles for detector and renderer tests: an LRU cache on a synchronized map, by numbers. */
public final class Profiles {

    /** The synchronized map's class. */
    public static final String MAP_CLASS = "java.util.Collections$SynchronizedMap";

    /** The worst call site of the map. */
    public static final String MAP_SITE = "com.acme.LruCache.get(LruCache.java:31)";

    /** The waiting stack at {@link #MAP_SITE}, innermost first. */
    public static final List<String> MAP_STACK = List.of(
            "java.util.Collections$SynchronizedMap.get(Collections.java:2672)",
            MAP_SITE,
            "com.acme.PriceService.price(PriceService.java:18)",
            "java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)",
            "java.lang.Thread.run(Thread.java:840)");

    /** The agent-timed lock's class. */
    public static final String LEDGER_CLASS = "java.util.concurrent.locks.ReentrantLock";

    /** The agent's id of the ledger lock. */
    public static final long LEDGER_ID = 3;

    /** Where the ledger lock was created, innermost frame first. */
    public static final List<String> LEDGER_ALLOCATION = List.of(
            "com.acme.Ledger.<init>(Ledger.java:14)", "com.acme.LedgerApp.main(LedgerApp.java:16)");

    /** The worst call site of the ledger lock. */
    public static final String LEDGER_SITE = "com.acme.Ledger.transfer(Ledger.java:23)";

    /** The waiting stack at {@link #LEDGER_SITE}, innermost first. */
    public static final List<String> LEDGER_STACK = List.of(
            "java.util.concurrent.locks.ReentrantLock.lock(ReentrantLock.java:322)",
            LEDGER_SITE,
            "com.acme.Teller.run(Teller.java:40)",
            "java.lang.Thread.run(Thread.java:840)");

    private static final Instant START = Instant.parse("2026-01-02T03:04:05.678Z");

    /** A recording of {@code durationNanos} with every event type the detectors need. */
    public static RecordingInfo recording(long durationNanos) {
        return new RecordingInfo("app.jfr", START, durationNanos, "OpenJDK 64-Bit Server VM 17.0.15+6", 8, null,
                Set.of(EventNames.JAVA_MONITOR_ENTER, EventNames.THREAD_PARK, EventNames.THREAD_START,
                        EventNames.THREAD_END, EventNames.THREAD_CPU_LOAD),
                Map.of(EventNames.JAVA_MONITOR_ENTER, 0L), List.of());
    }

    /**
     * One lock waited for by {@code threads} threads named {@code pool-1-thread-N}, each alive
     * {@code aliveNanosEach}, sharing {@code waitNanos} of wait equally, all at {@link #MAP_SITE}.
     */
    public static Profile lockProfile(RecordingInfo recording, long waitNanos, int threads, long aliveNanosEach) {
        List<ThreadActivity> activities = new ArrayList<>();
        List<Lock.ThreadWait> waiters = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            long share = waitNanos / threads + (i < waitNanos % threads ? 1 : 0);
            activities.add(new ThreadActivity(100 + i, "pool-1-thread-" + (i + 1), false, share, 0,
                    aliveNanosEach / 4, aliveNanosEach));
            waiters.add(new Lock.ThreadWait(100 + i, share));
        }
        Lock lock = new Lock(LockId.ofClass(MAP_CLASS), waitNanos, threads * 100L, waiters,
                List.of(new CallSite(MAP_SITE, waitNanos, threads * 100L, MAP_STACK)));
        List<String> rootFirst = new ArrayList<>(MAP_STACK);
        Collections.reverse(rootFirst);
        return new Profile(recording, List.of(lock), activities, List.of(new WaitStack(rootFirst, MAP_CLASS, waitNanos)));
    }

    /** {@link #lockProfile(RecordingInfo, long, int, long)} in a recording as long as one thread's life. */
    public static Profile lockProfile(long waitNanos, int threads, long aliveNanosEach) {
        return lockProfile(recording(aliveNanosEach), waitNanos, threads, aliveNanosEach);
    }

    /** A recording made by the contention agent, for the header. */
    public static RecordingInfo agentRecording(long durationNanos) {
        RecordingInfo plain = recording(durationNanos);
        return new RecordingInfo(plain.source(), plain.startTime(), plain.durationNanos(), plain.jvm(), plain.cpus(),
                new AgentInfo("0.1.0", "file=app.jfr"), plain.eventTypes(), plain.thresholdsNanos(), plain.warnings());
    }

    /**
     * One lock the agent timed: {@code waitingThreads} threads named {@code teller-N} alive
     * {@code aliveNanosEach} each, sharing {@code waitNanos} of wait at {@link #LEDGER_SITE}, the lock held
     * {@code holdNanos} of a recording as long as one thread's life, plus the agent's bucket of other locks.
     */
    public static Profile agentLockProfile(long waitNanos, int waitingThreads, long aliveNanosEach, long holdNanos) {
        RecordingInfo plain = agentRecording(aliveNanosEach);
        RecordingInfo recording = new RecordingInfo(plain.source(), plain.startTime(), plain.durationNanos(),
                plain.jvm(), plain.cpus(), plain.agent(), plain.eventTypes(), plain.thresholdsNanos(), plain.warnings(),
                new TreeSet<>(Set.of(LEDGER_CLASS)));
        List<ThreadActivity> activities = new ArrayList<>();
        List<Lock.ThreadWait> waiters = new ArrayList<>();
        for (int i = 0; i < waitingThreads; i++) {
            long share = waitNanos / waitingThreads + (i < waitNanos % waitingThreads ? 1 : 0);
            activities.add(new ThreadActivity(200 + i, "teller-" + (i + 1), false, share, 0, aliveNanosEach / 4,
                    aliveNanosEach));
            waiters.add(new Lock.ThreadWait(200 + i, share));
        }
        long waitCount = waitingThreads * 1_000L;
        Lock ledger = new Lock(LockId.ofAgent(LEDGER_CLASS, LEDGER_ID, LEDGER_ALLOCATION.get(0)), waitNanos, waitCount,
                waitingThreads, waiters, List.of(new CallSite(LEDGER_SITE, waitNanos, waitCount, LEDGER_STACK)),
                LEDGER_ALLOCATION, new Lock.Usage(waitCount * 3, holdNanos, (double) holdNanos / aliveNanosEach, false));
        // Many locks summed: as much wait, but no one lock a finding could name.
        Lock others = new Lock(LockId.ofAgent("[other locks]", LockId.AGENT_OTHER_LOCKS, null), waitNanos / 2, 10,
                waitingThreads, waiters, List.of(), List.of(), new Lock.Usage(100, 0, 0.0, false));
        List<String> rootFirst = new ArrayList<>(LEDGER_STACK);
        Collections.reverse(rootFirst);
        return new Profile(recording, List.of(ledger, others), activities,
                List.of(new WaitStack(rootFirst, LEDGER_CLASS, waitNanos)));
    }

    private Profiles() {}
}
