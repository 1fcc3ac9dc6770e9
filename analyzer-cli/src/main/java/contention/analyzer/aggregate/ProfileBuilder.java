// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.aggregate;

import contention.analyzer.model.AgentInfo;
import contention.analyzer.model.Deadlock;
import contention.analyzer.model.Executor;
import contention.analyzer.model.Lock;
import contention.analyzer.model.LockId;
import contention.analyzer.model.RecordingInfo;
import contention.analyzer.model.ThreadActivity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Accumulates one pass over a recording into a {@link Profile}; the reader calls it once per event, in
 * file order, with plain values (it never sees JFR types).
 *
 * <p>Assumptions and guarantees: single writer, single use ({@link #build()} once). Memory is bounded by
 * distinct locks, call sites, stacks and threads, never by the number of events.
 */
public final class ProfileBuilder {

    // jdk.ThreadCPULoad events of one periodic tick share (nearly) one timestamp; ticks are >= 10 ms apart.
    static final long CPU_TICK_TOLERANCE_NANOS = 1_000_000L /* 1 ms */;

    private final String source;
    private long minStartNanos = Long.MAX_VALUE;
    private long maxEndNanos = Long.MIN_VALUE;
    private String jvm;
    private int cpus;
    private AgentInfo agent;
    private final Set<String> eventTypes = new HashSet<>();
    private final Map<String, Long> thresholdsNanos = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final Map<Long, ThreadStats> threads = new HashMap<>();
    private final CollapsedStacks collapsedStacks;
    // JFR parks on locks, kept apart until build() knows which lock classes the agent timed itself.
    private final Map<String, LockStats> parkedLocks = new LinkedHashMap<>();
    private final CollapsedStacks parkedStacks;
    // JFR's monitor waits, which the agent does not time: at build(), added to the agent's instance of that monitor
    // class when it reports one, or one that was held far more than the others; else reported by class.
    private final Map<LockId, LockStats> monitorWaits = new LinkedHashMap<>();
    private final Map<String, BinWaits> binWaits = new HashMap<>(); // by the map's class
    private final CacheLines cacheLines = new CacheLines();
    private final List<Deadlock> deadlocks = new ArrayList<>();
    private final Map<Long, AgentLockStats> agentLocks = new LinkedHashMap<>();
    private final Set<String> agentTimedLockClasses = new HashSet<>();
    private final Map<Long, ExecutorStats> executors = new LinkedHashMap<>();
    private final ExecutionSamples samples = new ExecutionSamples();
    private long currentCpuTickNanos = ThreadStats.UNKNOWN;
    private long previousCpuTickNanos = ThreadStats.UNKNOWN;

    /** A builder for the recording the user named {@code source}. */
    public ProfileBuilder(String source) {
        this(source, CollapsedStacks.MAX_DISTINCT_STACKS);
    }

    ProfileBuilder(String source, int maxDistinctStacks) {
        this.source = source;
        this.collapsedStacks = new CollapsedStacks(maxDistinctStacks);
        this.parkedStacks = new CollapsedStacks(maxDistinctStacks);
    }

    /** Widens the recording's time span to cover one event, times in nanoseconds since the epoch. */
    public void eventTime(long startEpochNanos, long endEpochNanos) {
        minStartNanos = Math.min(minStartNanos, startEpochNanos);
        maxEndNanos = Math.max(maxEndNanos, Math.max(startEpochNanos, endEpochNanos));
    }

    /** Notes that events of this type were enabled or present. */
    public void eventTypePresent(String eventName) {
        eventTypes.add(eventName);
    }

    /** Notes the threshold an event type was recorded with; the smallest one seen wins, as in JFR. */
    public void eventThreshold(String eventName, long thresholdNanos) {
        thresholdsNanos.merge(eventName, thresholdNanos, Math::min);
    }

    /** Sets the JVM's description. */
    public void jvm(String description) {
        this.jvm = description;
    }

    /** Sets the number of hardware threads. */
    public void cpus(int hardwareThreads) {
        this.cpus = hardwareThreads;
    }

    /** Records that the contention agent made this recording. */
    public void agent(AgentInfo agentInfo) {
        this.agent = agentInfo;
    }

    /** Adds a reading problem the report must mention. */
    public void warning(String sentence) {
        warnings.add(sentence);
    }

    /** The accumulator of one thread, created on first sight; name and flag follow the latest event. */
    public ThreadStats thread(long id, String name, boolean virtual) {
        ThreadStats stats = threads.get(id);
        if (stats == null) {
            stats = new ThreadStats(id, name, virtual);
            threads.put(id, stats);
        } else if (!stats.name().equals(name)) {
            stats.rename(name, virtual);
        }
        return stats;
    }

    /** The thread started at this time (nanoseconds since the epoch). */
    public void threadStarted(ThreadStats thread, long epochNanos) {
        thread.started(epochNanos);
    }

    /** The thread ended at this time (nanoseconds since the epoch). */
    public void threadEnded(ThreadStats thread, long epochNanos) {
        thread.ended(epochNanos);
    }

    /**
     * One {@code jdk.ThreadCPULoad} sample: {@code load} is user plus system time as a share of all CPUs
     * over the interval since the previous periodic tick.
     */
    public void threadCpuLoad(ThreadStats thread, long epochNanos, double load) {
        if (currentCpuTickNanos == ThreadStats.UNKNOWN || epochNanos - currentCpuTickNanos > CPU_TICK_TOLERANCE_NANOS) {
            previousCpuTickNanos = currentCpuTickNanos;
            currentCpuTickNanos = epochNanos;
        }
        thread.cpuLoad(epochNanos, load, previousCpuTickNanos);
    }

    /*
     * Which source counts a lock wait, so that none is counted twice:
     * - Monitors (synchronized): jdk.JavaMonitorEnter, through monitorWait(); the agent samples their holds only
     *   (contention.LockStats with monitor=true), so the two add up without overlap.
     * - java.util.concurrent locks the agent instruments: the agent's contention.LockStats (totals) and
     *   contention.LockWait (threads, sites, stacks), through agentLockStats() and agentLockWait(). The agent
     *   times every contended acquisition, the short ones included, so JFR's jdk.ThreadPark events on the same
     *   lock classes (only waits above JFR's threshold, and the same waits again) are dropped, for the locks
     *   and for the threads' blocked time alike.
     * - Other j.u.c locks (parks whose blocker is a lock's synchronizer, the agent not timing that class):
     *   jdk.ThreadPark, through parkedOnLock(); a class-grouped lock as JFR alone can tell.
     * Which classes the agent timed is known only once the whole recording is read (its statistics come once
     * a second), so parks on locks are kept apart until build().
     * Waits for locks count as a thread's blocked time; parks on conditions and queues, Object.wait and
     * Thread.sleep as its waiting time (threadWaiting()).
     * Known gap: a thread re-acquiring a lock after Condition.await parks on the lock's synchronizer without
     * passing the agent's timed methods; on an agent-timed class that wait is in neither source.
     */

    /**
     * One wait to enter a monitor ({@code jdk.JavaMonitorEnter}); if the agent reports exactly one monitor of
     * this class, the wait is that instance's.
     */
    /**
     * A wait, also given to {@link #monitorWait}, for a bin of a map of class {@code mapClass}
     * ({@code ConcurrentHashMap}) whose monitor is at {@code address}.
     */
    public void binWait(String mapClass, long address, long waitNanos) {
        binWaits.computeIfAbsent(mapClass, c -> new BinWaits()).add(address, waitNanos);
    }

    /**
     * A deadlock cycle the agent found (contention.Deadlock), which it writes again while the cycle lasts: each
     * cycle (its threads and locks) counts once, from when it was first found; the first {@link #MAX_DEADLOCKS}.
     */
    public void deadlock(Deadlock deadlock) {
        for (int i = 0; i < deadlocks.size(); i++) {
            Deadlock known = deadlocks.get(i);
            if (known.threads().equals(deadlock.threads())) {
                if (deadlock.foundEpochNanos() < known.foundEpochNanos()) {
                    deadlocks.set(i, deadlock);
                }
                return;
            }
        }
        if (deadlocks.size() < MAX_DEADLOCKS) {
            deadlocks.add(deadlock);
        }
    }

    /** Deadlock cycles kept: the agent writes a cycle once, so more than this is a JVM full of them. */
    static final int MAX_DEADLOCKS = 100;

    /** One period of a pair of members on one cache line (contention.CacheLineStats); see {@link CacheLines#add}. */
    public void cacheLine(String kind, String ownerClass, String memberA, String memberB, long offsetA, long offsetB,
            String siteA, String siteB, int threadsA, int threadsB, String threadNames, long sampledWritesA,
            long sampledWritesB, long sampledReadsA, long sampledReadsB, long interleavings, long sampledNanos,
            long periodNanos, boolean trueSharing) {
        cacheLines.add(kind, ownerClass, memberA, memberB, Math.max(0, offsetA), Math.max(0, offsetB), siteA, siteB,
                threadsA, threadsB, threadNames, Math.max(0, sampledWritesA), Math.max(0, sampledWritesB),
                Math.max(0, sampledReadsA), Math.max(0, sampledReadsB), Math.max(0, interleavings), Math.max(0, sampledNanos), Math.max(0, periodNanos), trueSharing);
    }

    /** Pairs of members the agent did not send, beyond its bound. */
    public void cacheLinesDropped(long pairs) {
        cacheLines.addDropped(pairs);
    }

    public void monitorWait(ThreadStats thread, LockId lock, long waitNanos, List<String> stackLeafFirst,
            String siteFrame, long endEpochNanos) {
        thread.addBlocked(waitNanos);
        monitorWaits.computeIfAbsent(lock, LockStats::new)
                .add(thread.id(), waitNanos, 1, stackLeafFirst, siteFrame, endEpochNanos);
        if (!stackLeafFirst.isEmpty()) {
            collapsedStacks.add(stackLeafFirst, lock.className(), waitNanos);
        }
    }

    /**
     * One {@code jdk.ThreadPark} on a lock's synchronizer: a lock wait, unless the agent timed locks of this
     * class itself (decided in {@link #build()}).
     *
     * @param thread the parked thread
     * @param lockClass the lock's class, e.g. {@code java.util.concurrent.locks.ReentrantLock} for a park on
     *     its {@code NonfairSync}
     * @param waitNanos how long the thread parked
     * @param stackLeafFirst the parked stack, innermost frame first
     * @param siteFrame the call site, or {@code null} without a stack
     * @param endEpochNanos when the park ended, nanoseconds since the epoch
     */
    public void parkedOnLock(ThreadStats thread, String lockClass, long waitNanos, List<String> stackLeafFirst,
            String siteFrame, long endEpochNanos) {
        thread.addParkedOnLock(lockClass, waitNanos);
        parkedLocks.computeIfAbsent(lockClass, c -> new LockStats(LockId.ofClass(c)))
                .add(thread.id(), waitNanos, 1, stackLeafFirst, siteFrame, endEpochNanos);
        if (!stackLeafFirst.isEmpty()) {
            parkedStacks.add(stackLeafFirst, lockClass, waitNanos);
        }
    }

    /**
     * One period of one lock instance's statistics from the agent ({@code contention.LockStats}).
     *
     * @param agentId the agent's id of the lock, {@link LockId#AGENT_OTHER_LOCKS} for its bucket of other locks
     * @param lockClass the lock's class
     * @param allocationStack where the lock was created, innermost frame first; empty when unknown
     * @param monitor whether it is an object's monitor, whose holds the agent samples but whose waits it leaves
     *     to JFR
     * @param periodNanos how long the period was
     * @param acquisitions estimated acquisitions in the period
     * @param contended acquisitions that waited
     * @param waitNanos their total wait
     * @param holdNanos estimated total hold time in the period
     * @param waitingThreads distinct threads that waited in the period
     * @param endEpochNanos when the period ended (the event's time), nanoseconds since the epoch
     */
    public void agentLockStats(long agentId, String lockClass, List<String> allocationStack, String field,
            boolean fair, boolean monitor, long periodNanos, long acquisitions, long contended, long waitNanos,
            long holdNanos, int waitingThreads, long endEpochNanos) {
        agentLock(agentId, lockClass, null, !monitor).stats(allocationStack, field, fair, periodNanos, acquisitions, contended,
                waitNanos, holdNanos, waitingThreads, endEpochNanos);
    }

    /**
     * One wait the agent timed ({@code contention.LockWait}), standing for {@code weight} waits like it.
     *
     * @param thread the waiting thread
     * @param agentId the agent's id of the lock
     * @param lockClass the lock's class
     * @param acquiredThrough the class whose method the agent timed (the stack's first frame below the agent's
     *     own), e.g. {@code java.util.concurrent.locks.ReentrantLock}, or {@code null}
     * @param waitNanos the wait the agent timed
     * @param weight how many waits this event stands for (1 at or above the agent's threshold)
     * @param stackLeafFirst the waiting stack without the agent's frames, innermost first
     * @param siteFrame the call site, or {@code null} without a stack
     * @param endEpochNanos when the wait ended, nanoseconds since the epoch
     */
    public void agentLockWait(ThreadStats thread, long agentId, String lockClass, String acquiredThrough,
            long waitNanos, int weight, List<String> stackLeafFirst, String siteFrame, long endEpochNanos) {
        AgentLockStats lock = agentLock(agentId, lockClass, acquiredThrough, true);
        long weightedNanos = waitNanos * weight;
        thread.addBlocked(weightedNanos);
        lock.waitEvent(thread.id(), waitNanos, weight, stackLeafFirst, siteFrame, endEpochNanos);
        if (!stackLeafFirst.isEmpty()) {
            collapsedStacks.add(stackLeafFirst, lock.lockClass(), weightedNanos);
        }
    }

    private AgentLockStats agentLock(long agentId, String lockClass, String acquiredThrough, boolean timesWaits) {
        if (timesWaits && agentId != LockId.AGENT_OTHER_LOCKS) {
            // The bucket's class is a label ("[other locks]"), not a class whose parks it would replace.
            agentTimedLockClasses.add(lockClass);
        }
        if (acquiredThrough != null) {
            // A subclass of ReentrantLock is timed through ReentrantLock's methods, and parks as a ReentrantLock.
            agentTimedLockClasses.add(acquiredThrough);
        }
        return agentLocks.computeIfAbsent(agentId, id -> new AgentLockStats(id, lockClass));
    }

    /**
     * One execution sample ({@code jdk.ExecutionSample}) of a thread running Java code, at {@code epochNanos}, with
     * the methods on its stack ({@code pkg.Class.method}).
     */
    public void executionSample(ThreadStats thread, long epochNanos, java.util.Set<String> methods) {
        samples.add(thread.id(), epochNanos, methods);
    }

    /** One period of one pool's statistics from the agent ({@code contention.ExecutorStats}). */
    public void executorStats(ExecutorPeriod period) {
        executor(period.poolId()).period(period);
    }

    /**
     * One sampled submit to a pool ({@code contention.TaskSubmit}), standing for {@code weight} submits.
     *
     * @param poolId the agent's id of the pool
     * @param poolName the pool's name, or {@code null}
     * @param weight how many submits the event stands for
     * @param siteFrame the first frame outside the JDK and the agent, or {@code null} without a stack
     */
    public void taskSubmit(long poolId, String poolName, long weight, String siteFrame) {
        ExecutorStats pool = executor(poolId);
        pool.nameIfUnknown(poolName);
        pool.submit(siteFrame, weight);
    }

    /**
     * One wait of a pool's worker for another task's result ({@code contention.PoolBlocked}).
     *
     * @param thread the worker, or {@code null} when unknown
     * @param poolId the pool whose worker waited
     * @param poolName the pool's name, or {@code null}
     * @param awaitedPoolId the awaited task's pool, or {@link Executor#UNKNOWN}
     * @param method the method that waited, e.g. {@code java.util.concurrent.FutureTask.get}, or {@code null}
     * @param waitNanos how long it waited
     * @param stackLeafFirst the waiting stack without the agent's frames, innermost first
     * @param siteFrame the call site, or {@code null} without a stack
     */
    public void poolBlocked(ThreadStats thread, long poolId, String poolName, long awaitedPoolId, String method,
            long waitNanos, List<String> stackLeafFirst, String siteFrame) {
        // Not added to the thread's waiting time: JFR's park in Future.get or join is already there.
        ExecutorStats pool = executor(poolId);
        pool.nameIfUnknown(poolName);
        pool.blocked(thread == null ? null : thread.id(), awaitedPoolId, method, waitNanos, stackLeafFirst, siteFrame);
    }

    private ExecutorStats executor(long poolId) {
        return executors.computeIfAbsent(poolId, ExecutorStats::new);
    }

    /**
     * Time a thread spent waiting for something other than a lock: a park on a queue, condition or future,
     * {@code Object.wait}, {@code Thread.sleep}.
     *
     * @param thread the waiting thread
     * @param waitNanos how long it waited
     * @param inTask whether it waited while running a task (not a pool worker's idle wait for work, nor a
     *     fork/join join), as its stack tells ({@code contention.analyzer.read.WorkerWaits})
     * @param stackLeafFirst the waiting stack, innermost first; empty when not recorded
     * @param siteFrame the call site, or {@code null} without a stack
     */
    public void threadWaiting(ThreadStats thread, long waitNanos, boolean inTask, List<String> stackLeafFirst,
            String siteFrame) {
        thread.addWaiting(waitNanos);
        if (inTask) {
            thread.addTaskWait(waitNanos, stackLeafFirst, siteFrame);
        }
    }

    /**
     * Time a thread spent in blocking socket or file I/O ({@code jdk.SocketRead} and such): off CPU, but neither
     * blocked on a lock nor "waiting" in the threads table, so it counts only as a task's wait.
     */
    public void threadBlockingIo(ThreadStats thread, long ioNanos, boolean inTask, List<String> stackLeafFirst,
            String siteFrame) {
        if (inTask) {
            thread.addTaskWait(ioNanos, stackLeafFirst, siteFrame);
        }
    }

    // Of the agent's instances of one monitor class, the one that JFR's waits for that class are taken to be for:
    // the only one, or one held this much of all their hold time (the JDK makes a few Hashtables of its own).
    static final double DOMINANT_HOLD_SHARE = 0.9;

    private static AgentLockStats heldMost(List<AgentLockStats> sameClass) {
        if (sameClass.size() == 1) {
            return sameClass.get(0);
        }
        long total = 0;
        AgentLockStats most = null;
        for (AgentLockStats each : sameClass) {
            total += each.holdNanos();
            if (most == null || each.holdNanos() > most.holdNanos()) {
                most = each;
            }
        }
        return most != null && total > 0 && most.holdNanos() >= DOMINANT_HOLD_SHARE * total ? most : null;
    }

    /** The profile of everything added so far. */
    public Profile build() {
        boolean empty = minStartNanos == Long.MAX_VALUE;
        long startNanos = empty ? 0 : minStartNanos;
        long endNanos = empty ? 0 : maxEndNanos;
        Instant startTime = empty
                ? null
                : Instant.ofEpochSecond(Math.floorDiv(startNanos, 1_000_000_000L), Math.floorMod(startNanos, 1_000_000_000L));
        long durationNanos = endNanos - startNanos;
        Set<String> agentTimed = Set.copyOf(agentTimedLockClasses);
        RecordingInfo recording = new RecordingInfo(source, startTime, durationNanos, jvm, cpus, agent, eventTypes,
                thresholdsNanos, warnings, new TreeSet<>(agentTimed));

        List<Lock> lockList = new ArrayList<>(monitorWaits.size() + parkedLocks.size() + agentLocks.size());
        for (LockStats stats : parkedLocks.values()) {
            if (!agentTimed.contains(stats.id().className())) {
                lockList.add(stats.toLock(startNanos, endNanos, samples));
            }
        }
        Map<String, List<AgentLockStats>> agentLocksByClass = new HashMap<>();
        for (AgentLockStats stats : agentLocks.values()) {
            agentLocksByClass.computeIfAbsent(stats.lockClass(), c -> new ArrayList<>()).add(stats);
        }
        for (LockStats stats : monitorWaits.values()) {
            AgentLockStats instance = heldMost(agentLocksByClass.getOrDefault(stats.id().className(), List.of()));
            if (instance != null) {
                instance.addUntimedWaits(stats);
            } else {
                lockList.add(stats.toLock(startNanos, endNanos, samples));
            }
        }
        for (AgentLockStats stats : agentLocks.values()) {
            lockList.add(stats.toLock(startNanos, durationNanos, samples));
        }
        collapsedStacks.addAll(parkedStacks, lockClass -> !agentTimed.contains(lockClass));
        lockList.sort(Comparator.comparingLong(Lock::waitNanos).reversed()
                .thenComparing(lock -> lock.id().key()));

        List<ThreadActivity> threadList = new ArrayList<>();
        for (ThreadStats stats : threads.values()) {
            ThreadActivity activity = stats.toActivity(startNanos, endNanos, cpus, agentTimed);
            if (activity.stalledNanos() > 0 || activity.runningNanos() > 0) {
                threadList.add(activity);
            }
        }
        threadList.sort(Comparator.comparingLong(ThreadActivity::stalledNanos).reversed()
                .thenComparing(Comparator.comparingLong(ThreadActivity::runningNanos).reversed())
                .thenComparing(ThreadActivity::name)
                .thenComparingLong(ThreadActivity::id));
        List<Executor> executorList = new ArrayList<>(executors.size());
        for (ExecutorStats stats : executors.values()) {
            executorList.add(stats.toExecutor(startNanos, id -> {
                ThreadStats thread = threads.get(id);
                return thread == null ? "thread-" + id : thread.name();
            }));
        }
        // Most work first: the pools that ran the most task time are where a person looks.
        executorList.sort(Comparator.comparingLong(Executor::busyNanos).reversed()
                .thenComparing(Executor::name)
                .thenComparingLong(Executor::id));
        Map<String, Double> largestBinShares = new HashMap<>();
        binWaits.forEach((mapClass, waits) -> waits.largestBinShare()
                .ifPresent(share -> largestBinShares.put(mapClass, share)));
        return new Profile(recording, lockList, threadList, collapsedStacks.toWaitStacks(), executorList,
                largestBinShares, cacheLines.toCacheLines(), deadlocks);
    }
}
