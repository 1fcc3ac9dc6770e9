// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.read;

import static contention.analyzer.model.LockId.STATIC_SYNCHRONIZED;

import contention.analyzer.aggregate.ExecutorPeriod;
import contention.analyzer.aggregate.Profile;
import contention.analyzer.aggregate.ProfileBuilder;
import contention.analyzer.aggregate.ThreadStats;
import contention.analyzer.model.AgentInfo;
import contention.analyzer.model.Deadlock;
import contention.analyzer.model.Executor;
import contention.analyzer.model.LockId;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JFR recording in one streaming pass into a {@link Profile}; the only class that touches
 * {@link RecordedEvent}.
 *
 * <p>Memory is bounded by distinct locks, sites, stacks and threads: events are read one at a time with
 * {@link RecordingFile#readEvent()}, never all at once. A recording cut short yields the profile of the
 * events before the cut plus a warning; one with no readable event is an error.
 */
public final class RecordingReader {

    private static final byte[] JFR_MAGIC = {'F', 'L', 'R', 0};

    // Event types whose threshold decides which waits are in the recording; the text report mentions them.
    private static final Set<String> THRESHOLD_EVENTS = Set.of(
            EventNames.JAVA_MONITOR_ENTER, EventNames.THREAD_PARK, EventNames.JAVA_MONITOR_WAIT,
            EventNames.VIRTUAL_THREAD_PINNED);

    // The JFR parser hands out one RecordedStackTrace object per stack id and chunk; converting each once
    // saves formatting the same frames for every event. Cleared when full so it stays small.
    private static final int MAX_CACHED_STACKS = 4_096;

    private final String source;
    private final ProfileBuilder builder;
    private final Map<RecordedStackTrace, ConvertedStack> stackCache = new HashMap<>();
    private final Map<RecordedStackTrace, Set<String>> sampledMethodsCache = new HashMap<>();
    private final Map<Long, String> eventNamesById = new HashMap<>();
    private final Map<Long, Boolean> enabledById = new HashMap<>();
    private final Map<Long, Long> thresholdNanosById = new HashMap<>();

    private RecordingReader(String source) {
        this.source = source;
        this.builder = new ProfileBuilder(source);
    }

    /**
     * Reads {@code file} into a profile.
     *
     * @param file the recording
     * @param source the file's name as the user gave it, used in messages and the report
     * @throws UnreadableRecordingException when the file is missing, not a recording, or has no readable event
     */
    public static Profile read(Path file, String source) throws UnreadableRecordingException {
        return read(file, source, events -> { });
    }

    /**
     * Reads {@code file} into a profile, telling {@code progress} the number of events read every
     * {@link #PROGRESS_EVENTS} events, for a progress line on long reads.
     */
    public static Profile read(Path file, String source, java.util.function.LongConsumer progress)
            throws UnreadableRecordingException {
        checkReadable(file, source);
        RecordingReader reader = new RecordingReader(source);
        reader.progress = progress;
        return reader.readAll(file);
    }

    /** How many events between two progress reports: about a tenth of a second of reading. */
    public static final long PROGRESS_EVENTS = 100_000;

    private java.util.function.LongConsumer progress = events -> { };

    /** Rejects, with one clear sentence, what cannot possibly be a recording, before JFR's parser sees it. */
    static void checkReadable(Path file, String source) throws UnreadableRecordingException {
        if (!Files.exists(file)) {
            throw new UnreadableRecordingException("no such file", source);
        }
        if (Files.isDirectory(file)) {
            throw UnreadableRecordingException.directory(source);
        }
        if (!Files.isReadable(file)) {
            throw new UnreadableRecordingException("permission denied reading", source);
        }
        byte[] head = new byte[JFR_MAGIC.length];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw UnreadableRecordingException.of(e, source);
        }
        if (read == 0) {
            throw new UnreadableRecordingException("file is empty", source);
        }
        if (read < head.length || !Arrays.equals(head, JFR_MAGIC)) {
            throw new UnreadableRecordingException("not a JFR recording", source);
        }
    }

    private Profile readAll(Path file) throws UnreadableRecordingException {
        long eventsRead = 0;
        Exception damage = null;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (true) {
                RecordedEvent event;
                try {
                    if (!recording.hasMoreEvents()) {
                        break;
                    }
                    event = recording.readEvent();
                } catch (IOException | RuntimeException e) {
                    // A cut or damaged chunk: keep what was read before it.
                    damage = e;
                    break;
                } catch (InternalError e) {
                    // The parser signals some corrupt data this way.
                    damage = new IOException(e.getMessage(), e);
                    break;
                }
                eventsRead++;
                if (eventsRead % PROGRESS_EVENTS == 0) {
                    progress.accept(eventsRead);
                }
                accept(event);
            }
            if (damage == null) {
                readEventNames(recording);
            }
        } catch (IOException | RuntimeException e) {
            // Opening a cut file can fail inside the JDK's parser with any runtime exception.
            damage = e;
        } catch (InternalError e) {
            damage = new IOException(e.getMessage(), e);
        }
        if (damage != null) {
            if (eventsRead == 0) {
                throw damage instanceof IOException io
                        ? UnreadableRecordingException.of(io, source)
                        // The parser's runtime exceptions mean cut or corrupt data, never a usable message.
                        : new UnreadableRecordingException(
                                "recording is damaged or truncated, no event could be read in", source);
            }
            String problem = damage instanceof EOFException ? "truncated" : "damaged";
            builder.warning(String.format(Locale.ROOT, "recording is %s '%s'; the report covers the first %d events",
                    problem, source, eventsRead));
        }
        applySettings();
        return builder.build();
    }

    private void accept(RecordedEvent event) {
        EventType type = event.getEventType();
        String name = type.getName();
        eventNamesById.putIfAbsent(type.getId(), name);
        builder.eventTypePresent(name);
        builder.eventTime(epochNanos(event.getStartTime()), epochNanos(event.getEndTime()));
        switch (name) {
            case EventNames.JAVA_MONITOR_ENTER -> monitorEnter(event);
            case EventNames.THREAD_PARK -> threadPark(event);
            case EventNames.JAVA_MONITOR_WAIT, EventNames.THREAD_SLEEP -> waiting(event);
            case EventNames.SOCKET_READ, EventNames.SOCKET_WRITE, EventNames.FILE_READ, EventNames.FILE_WRITE ->
                    blockingIo(event);
            case EventNames.LOCK_STATS -> agentLockStats(event);
            case EventNames.LOCK_WAIT -> agentLockWait(event);
            case EventNames.EXECUTOR_STATS -> executorStats(event);
            case EventNames.TASK_SUBMIT -> taskSubmit(event);
            case EventNames.POOL_BLOCKED -> poolBlocked(event);
            case EventNames.CACHE_LINE_STATS -> cacheLineStats(event);
            case EventNames.DEADLOCK -> deadlock(event);
            case EventNames.THREAD_START -> threadStart(event);
            case EventNames.THREAD_END -> threadEnd(event);
            case EventNames.THREAD_CPU_LOAD -> threadCpuLoad(event);
            case EventNames.EXECUTION_SAMPLE -> executionSample(event);
            case EventNames.JVM_INFORMATION -> jvmInformation(event);
            case EventNames.CPU_INFORMATION -> cpuInformation(event);
            case EventNames.AGENT_INFO -> agentInfo(event);
            case EventNames.ACTIVE_SETTING -> activeSetting(event);
            default -> {
                // Other types (jdk.CPULoad, jdk.ExecutionSample, jdk.VirtualThreadPinned, ...) only count as
                // present until a detector reads them.
            }
        }
    }

    private void monitorEnter(RecordedEvent event) {
        ThreadStats thread = thread(event.getThread());
        if (thread == null) {
            return;
        }
        RecordedClass monitorClass = event.hasField("monitorClass") ? event.getClass("monitorClass") : null;
        String lockClass = ClassNames.javaName(monitorClass == null ? null : monitorClass.getName());
        ConvertedStack stack = convert(event.getStackTrace());
        if (isJfrInternal(lockClass, stack)) {
            return;
        }
        String owner = binOwner(lockClass, event.getStackTrace());
        builder.monitorWait(thread, monitorId(owner, event.getStackTrace()),
                event.getDuration().toNanos(), stack.framesLeafFirst(), stack.site(), epochNanos(event.getEndTime()));
        if (owner != null && !owner.equals(lockClass) && event.hasField("address")) {
            builder.binWait(owner, event.getLong("address"), event.getDuration().toNanos());
        }
    }

    // ConcurrentHashMap's compute*, merge lock a bin (a node) while the app's function runs: that is the map's
    // contention, and the agent counts it for the map, so the wait is the map's too.
    static String binOwner(String lockClass, RecordedStackTrace stackTrace) {
        if (lockClass == null || !lockClass.startsWith(CONCURRENT_HASH_MAP + "$") || stackTrace == null
                || stackTrace.getFrames().isEmpty()) {
            return lockClass;
        }
        RecordedMethod top = stackTrace.getFrames().get(0).getMethod();
        boolean binLocking = top != null && top.getType() != null
                && CONCURRENT_HASH_MAP.equals(ClassNames.javaName(top.getType().getName()))
                && BIN_LOCKING_METHODS.contains(top.getName());
        return binLocking ? CONCURRENT_HASH_MAP : lockClass;
    }

    private static final String CONCURRENT_HASH_MAP = "java.util.concurrent.ConcurrentHashMap";
    private static final Set<String> BIN_LOCKING_METHODS = Set.of("compute", "computeIfAbsent", "computeIfPresent", "merge");

    /**
     * The lock a monitor event waited for. A {@code java.lang.Class} monitor entered by a {@code static
     * synchronized} method (the top frame, since the monitor is taken in its prologue) is that class's monitor, one
     * for the whole JVM: it is named {@code com.acme.Ids.class} with the method as its place, not "java.lang.Class".
     */
    static LockId monitorId(String lockClass, RecordedStackTrace stackTrace) {
        if ("java.lang.Class".equals(lockClass) && stackTrace != null && !stackTrace.getFrames().isEmpty()) {
            RecordedMethod top = stackTrace.getFrames().get(0).getMethod();
            if (top != null && top.getType() != null && Modifier.isStatic(top.getModifiers())
                    && Modifier.isSynchronized(top.getModifiers())) {
                String owner = ClassNames.javaName(top.getType().getName());
                return new LockId(owner + ".class", LockId.NO_AGENT_ID, null,
                        STATIC_SYNCHRONIZED + owner + "." + top.getName());
            }
        }
        return LockId.ofClass(lockClass);
    }

    private void threadPark(RecordedEvent event) {
        ThreadStats thread = thread(event.getThread());
        if (thread == null) {
            return;
        }
        RecordedClass parkedClass = event.hasField("parkedClass") ? event.getClass("parkedClass") : null;
        String lockClass = parkedClass == null ? null : ParkBlockers.lockClassOf(ClassNames.javaName(parkedClass.getName()));
        ConvertedStack stack = convert(event.getStackTrace());
        if (lockClass == null) {
            // Idle pool workers, queues, conditions, futures: the thread waits for work, not for a lock.
            builder.threadWaiting(thread, event.getDuration().toNanos(), stack.inTask(), stack.framesLeafFirst(),
                    stack.site());
            return;
        }
        if (!isJfrInternal(lockClass, stack)) {
            builder.parkedOnLock(thread, lockClass, event.getDuration().toNanos(), stack.framesLeafFirst(), stack.site(),
                    epochNanos(event.getEndTime()));
        }
    }

    // JFR's own locks (its PlatformRecorder monitor, say): the profiler does not report on itself.
    // The recorder's own waits: for its locks, at a JFR site, or inside JFR's code (a monitor JFR takes while it
    // writes an event, e.g. its string pool's, seen on the app's thread that committed the event).
    private static boolean isJfrInternal(String lockClass, ConvertedStack stack) {
        return ClassNames.isJfrInternal(lockClass)
                || (stack.siteClass() != null && ClassNames.isJfrInternal(stack.siteClass()))
                || (stack.firstClass() != null && ClassNames.isJfrInternal(stack.firstClass()));
    }

    // Which methods a running thread was in: a lock's serial fraction is the share of its threads' samples inside it.
    private void executionSample(RecordedEvent event) {
        RecordedThread sampled = event.hasField("sampledThread") ? event.getThread("sampledThread") : null;
        ThreadStats thread = thread(sampled);
        RecordedStackTrace stackTrace = event.getStackTrace();
        if (thread == null || stackTrace == null) {
            return;
        }
        builder.executionSample(thread, epochNanos(event.getStartTime()), sampledMethods(stackTrace));
    }

    // JFR writes each distinct stack once per chunk and the parser hands out the same object for it, so a sampled
    // stack's methods are worked out once, not for each of its samples.
    private Set<String> sampledMethods(RecordedStackTrace stackTrace) {
        Set<String> methods = sampledMethodsCache.get(stackTrace);
        if (methods == null) {
            Set<String> named = new HashSet<>();
            for (RecordedFrame frame : stackTrace.getFrames()) {
                RecordedMethod method = frame.getMethod();
                if (method != null && method.getType() != null) {
                    named.add(ClassNames.javaName(method.getType().getName()) + "." + method.getName());
                }
            }
            methods = Set.copyOf(named);
            if (sampledMethodsCache.size() >= MAX_CACHED_STACKS) {
                sampledMethodsCache.clear();
            }
            sampledMethodsCache.put(stackTrace, methods);
        }
        return methods;
    }

    private void agentLockStats(RecordedEvent event) {
        long agentId = number(event, "lockId");
        String lockClass = text(event, "lockClass");
        if (agentId < 0 || lockClass == null || lockClass.isEmpty()) {
            return;
        }
        // "field" is absent from recordings of agents before it was added: text() then gives null.
        builder.agentLockStats(agentId, lockClass, allocationStack(text(event, "allocationSite")), text(event, "field"),
                event.hasField("fair") && event.getBoolean("fair"),
                event.hasField("monitor") && event.getBoolean("monitor"), number(event, "periodNanos"), number(event, "acquisitions"), number(event, "contendedAcquisitions"), number(event, "waitNanos"),
                number(event, "holdNanos"), (int) number(event, "waitingThreads"), epochNanos(event.getEndTime()));
    }

    // One line per thread of the cycle in each field (the agent's DeadlockEvent).
    private void deadlock(RecordedEvent event) {
        String[] names = lines(text(event, "threads"));
        String[] locks = lines(text(event, "locks"));
        String[] sites = lines(text(event, "sites"));
        String[] stacks = lines(text(event, "stacks"));
        String[] held = lines(text(event, "held"));
        if (names.length < 2 || locks.length != names.length) {
            return; // not a cycle this reader can read
        }
        List<Deadlock.DeadlockedThread> threads = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            List<String> stack = i < stacks.length && !stacks[i].isEmpty() ? List.of(stacks[i].split(" <- "))
                    : List.of();
            List<String> holds = i < held.length && !held[i].isEmpty() ? List.of(held[i].split(", ")) : List.of();
            threads.add(new Deadlock.DeadlockedThread(names[i], locks[i], i < sites.length ? sites[i] : "?", stack,
                    holds));
        }
        builder.deadlock(new Deadlock(threads, epochNanos(event.getEndTime())));
    }

    private static String[] lines(String text) {
        return text == null || text.isEmpty() ? new String[0] : text.split("\n", -1);
    }

    private void cacheLineStats(RecordedEvent event) {
        if (event.hasField("droppedPairs")) {
            builder.cacheLinesDropped(number(event, "droppedPairs"));
        }
        String kind = text(event, "kind");
        String ownerClass = text(event, "ownerClass");
        String memberA = text(event, "memberA");
        String memberB = text(event, "memberB");
        if (kind == null || kind.isEmpty() || ownerClass == null || ownerClass.isEmpty() || memberA == null
                || memberB == null) {
            return; // the summary of dropped pairs only, or not an event this reader knows
        }
        builder.cacheLine(kind, ownerClass, memberA, memberB, number(event, "offsetA"), number(event, "offsetB"),
                text(event, "siteA"), text(event, "siteB"), (int) number(event, "threadsA"),
                (int) number(event, "threadsB"), text(event, "threadNames"), number(event, "sampledWritesA"),
                number(event, "sampledWritesB"), Math.max(0, number(event, "sampledReadsA")),
                Math.max(0, number(event, "sampledReadsB")), number(event, "interleavings"), number(event, "sampledNanos"),
                number(event, "periodNanos"), event.hasField("trueSharing") && event.getBoolean("trueSharing"));
    }

    private void agentLockWait(RecordedEvent event) {
        ThreadStats thread = thread(event.getThread());
        long agentId = number(event, "lockId");
        String lockClass = text(event, "lockClass");
        if (thread == null || agentId < 0 || lockClass == null || lockClass.isEmpty()) {
            return;
        }
        if ("await".equals(text(event, "mode"))) {
            // Awaiting a Condition's signal is waiting, not lock contention (re-acquiring the lock after the signal
            // is a LockWait of its own, in the lock's mode). Not added to the thread's waiting time either: the
            // await's parks, on the ConditionObject, already are, through jdk.ThreadPark; twice would double it.
            return;
        }
        ConvertedStack stack = convert(event.getStackTrace());
        if (isJfrInternal(lockClass, stack)) {
            return;
        }
        // An event without a weight (an older agent) stands for itself.
        long weight = event.hasField("weight") ? number(event, "weight") : 1;
        // The first frame below the agent's is the lock method it timed (ReentrantLock.lock(), also for a
        // subclass): parks on that lock class are the same waits.
        String acquiredThrough = stack.firstClass() == null ? null : ParkBlockers.lockClassOf(stack.firstClass());
        builder.agentLockWait(thread, agentId, lockClass, acquiredThrough, number(event, "waitNanos"),
                (int) Math.max(1, weight), stack.framesLeafFirst(), stack.site(), epochNanos(event.getEndTime()));
    }

    /*
     * The agent's executor events (docs/executor-events.md). Every field but the pool's id may be missing (an
     * older or newer agent): a missing size is unknown, a missing count 0, a missing histogram empty.
     */

    private void executorStats(RecordedEvent event) {
        if (!event.hasField("poolId")) {
            return;
        }
        builder.executorStats(new ExecutorPeriod(number(event, "poolId"), text(event, "poolName"),
                text(event, "poolClass"), allocationStack(text(event, "creationSite")),
                (int) number(event, "corePoolSize", Executor.UNKNOWN),
                (int) number(event, "maximumPoolSize", Executor.UNKNOWN), number(event, "periodNanos"),
                number(event, "submitted"), number(event, "completed"), number(event, "rejected"),
                number(event, "callerRuns"), (int) number(event, "queueDepth"), (int) number(event, "maxQueueDepth"), (int) number(event, "poolSize"),
                (int) number(event, "activeThreads"), number(event, "busyNanos"), text(event, "queueWaitHistogram"),
                text(event, "runTimeHistogram"), epochNanos(event.getEndTime())));
    }

    private void taskSubmit(RecordedEvent event) {
        if (!event.hasField("poolId")) {
            return;
        }
        // An event without a weight stands for itself, as for LockWait.
        long weight = number(event, "weight", 1);
        builder.taskSubmit(number(event, "poolId"), text(event, "poolName"), Math.max(1, weight),
                convert(event.getStackTrace()).site());
    }

    private void poolBlocked(RecordedEvent event) {
        if (!event.hasField("poolId")) {
            return;
        }
        long waitNanos = number(event, "waitNanos");
        if (waitNanos <= 0) {
            // The event's duration is the wait too.
            waitNanos = event.getDuration().toNanos();
        }
        ConvertedStack stack = convert(event.getStackTrace());
        builder.poolBlocked(thread(event.getThread()), number(event, "poolId"), text(event, "poolName"),
                number(event, "awaitedPoolId", Executor.UNKNOWN), text(event, "method"), waitNanos,
                stack.framesLeafFirst(), stack.site());
    }

    /** The agent's allocation site, frames separated by newlines, innermost first; empty when unknown. */
    static List<String> allocationStack(String allocationSite) {
        if (allocationSite == null || allocationSite.isBlank()) {
            return List.of();
        }
        return allocationSite.lines().map(String::strip).filter(frame -> !frame.isEmpty()).toList();
    }

    private void waiting(RecordedEvent event) {
        ThreadStats thread = thread(event.getThread());
        if (thread != null) {
            ConvertedStack stack = convert(event.getStackTrace());
            // No pool worker idles in Thread.sleep: a sleep without its stack still counts as a task's.
            boolean inTask = stack.inTask()
                    || (stack.framesLeafFirst().isEmpty() && EventNames.THREAD_SLEEP.equals(event.getEventType().getName()));
            builder.threadWaiting(thread, event.getDuration().toNanos(), inTask, stack.framesLeafFirst(), stack.site());
        }
    }

    // Socket and file reads and writes (when the recording has them): time off CPU inside a task, not "waiting".
    private void blockingIo(RecordedEvent event) {
        ThreadStats thread = thread(event.getThread());
        if (thread != null) {
            ConvertedStack stack = convert(event.getStackTrace());
            builder.threadBlockingIo(thread, event.getDuration().toNanos(),
                    stack.inTask() || stack.framesLeafFirst().isEmpty(), stack.framesLeafFirst(), stack.site());
        }
    }

    private void threadStart(RecordedEvent event) {
        ThreadStats thread = thread(subjectThread(event));
        if (thread != null) {
            builder.threadStarted(thread, epochNanos(event.getStartTime()));
        }
    }

    private void threadEnd(RecordedEvent event) {
        ThreadStats thread = thread(subjectThread(event));
        if (thread != null) {
            builder.threadEnded(thread, epochNanos(event.getStartTime()));
        }
    }

    private static RecordedThread subjectThread(RecordedEvent event) {
        // jdk.ThreadStart and jdk.ThreadEnd name the thread in a "thread" field; the event thread may be the parent.
        return event.hasField("thread") ? event.getThread("thread") : event.getThread();
    }

    private void threadCpuLoad(RecordedEvent event) {
        ThreadStats thread = thread(event.getThread());
        if (thread != null && event.hasField("user") && event.hasField("system")) {
            double load = event.getFloat("user") + event.getFloat("system");
            builder.threadCpuLoad(thread, epochNanos(event.getStartTime()), load);
        }
    }

    private void jvmInformation(RecordedEvent event) {
        builder.jvm(describeJvm(text(event, "jvmName"), text(event, "jvmVersion")));
    }

    /**
     * A short JVM description from {@code jdk.JVMInformation}: the name plus the version in the first
     * parentheses of {@code jvmVersion}, e.g. {@code OpenJDK 64-Bit Server VM 17.0.15+6}.
     */
    static String describeJvm(String jvmName, String jvmVersion) {
        String version = null;
        if (jvmVersion != null) {
            int open = jvmVersion.indexOf('(');
            int close = open < 0 ? -1 : jvmVersion.indexOf(')', open);
            version = close > open + 1 ? jvmVersion.substring(open + 1, close) : jvmVersion.strip();
        }
        if (jvmName == null || jvmName.isBlank()) {
            return version;
        }
        return version == null || version.isBlank() ? jvmName : jvmName + " " + version;
    }

    private void cpuInformation(RecordedEvent event) {
        if (event.hasField("hwThreads") && event.getValue("hwThreads") instanceof Number hwThreads) {
            builder.cpus(hwThreads.intValue());
        }
    }

    private void agentInfo(RecordedEvent event) {
        String version = text(event, "agentVersion");
        builder.agent(new AgentInfo(version == null ? "unknown" : version, text(event, "options")));
    }

    private void activeSetting(RecordedEvent event) {
        if (!event.hasField("id") || !event.hasField("name") || !event.hasField("value")) {
            return;
        }
        if (!(event.getValue("id") instanceof Number idValue)) {
            return;
        }
        long id = idValue.longValue();
        String setting = text(event, "name");
        String value = text(event, "value");
        if ("enabled".equals(setting)) {
            // Several recordings may run at once; JFR records an event if any of them enables it.
            enabledById.merge(id, "true".equals(value), Boolean::logicalOr);
        } else if ("threshold".equals(setting)) {
            long nanos = parseTimespanNanos(value);
            if (nanos >= 0) {
                thresholdNanosById.merge(id, nanos, Math::min);
            }
        }
    }

    /** Nanoseconds in a JFR setting value such as {@code "20 ms"} or {@code "0 ns"}; -1 if not a timespan. */
    static long parseTimespanNanos(String value) {
        if (value == null) {
            return -1;
        }
        String[] parts = value.strip().split("\\s+");
        if (parts.length != 2) {
            return -1;
        }
        long amount;
        try {
            amount = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            return -1;
        }
        long unitNanos = switch (parts[1]) {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            case "d" -> 86_400_000_000_000L;
            default -> -1L;
        };
        return unitNanos < 0 || amount < 0 ? -1 : amount * unitNanos;
    }

    private void readEventNames(RecordingFile recording) {
        if (enabledById.isEmpty() && thresholdNanosById.isEmpty()) {
            return;
        }
        try {
            // Reads only each chunk's metadata; needed to name types that were enabled but never occurred.
            for (EventType type : recording.readEventTypes()) {
                eventNamesById.putIfAbsent(type.getId(), type.getName());
            }
        } catch (IOException | RuntimeException e) {
            // Fall back to the names of the types that occurred.
        }
    }

    private void applySettings() {
        enabledById.forEach((id, enabled) -> {
            String name = eventNamesById.get(id);
            if (enabled && name != null) {
                builder.eventTypePresent(name);
            }
        });
        thresholdNanosById.forEach((id, nanos) -> {
            String name = eventNamesById.get(id);
            if (name != null && THRESHOLD_EVENTS.contains(name) && enabledById.getOrDefault(id, true)) {
                builder.eventThreshold(name, nanos);
            }
        });
    }

    // A field's value as a whole number, or 0 when absent or not a number.
    private static long number(RecordedEvent event, String field) {
        return number(event, field, 0);
    }

    // A field's value as a whole number, or {@code absent} when absent or not a number.
    private static long number(RecordedEvent event, String field, long absent) {
        return event.hasField(field) && event.getValue(field) instanceof Number value ? value.longValue() : absent;
    }

    // A field's value as text, or null when absent: tolerates other tools' (and older agents') field types.
    private static String text(RecordedEvent event, String field) {
        if (!event.hasField(field)) {
            return null;
        }
        Object value = event.getValue(field);
        return value == null ? null : value.toString();
    }

    private ThreadStats thread(RecordedThread thread) {
        if (thread == null) {
            return null;
        }
        long javaId = thread.getJavaThreadId();
        // Native threads have no Java id; a negative key keeps them apart from Java threads.
        long key = javaId > 0 ? javaId : -1 - thread.getOSThreadId();
        // RecordedThread.isVirtual() is JDK 21+; this analyzer is built for 17, so ask for the field.
        boolean virtual = thread.hasField("virtual") && thread.getBoolean("virtual");
        String name = thread.getJavaName();
        if (name == null || name.isBlank()) {
            name = thread.getOSName();
        }
        if (ProfilerThreads.isProfilerThread(name)) {
            // JFR's and the agent's threads: their events are the profiler's own activity, never reported.
            return null;
        }
        if (name == null || name.isBlank()) {
            // Virtual threads are usually unnamed.
            name = (virtual ? "virtual-" : "thread-") + key;
        }
        return builder.thread(key, name, virtual);
    }

    private ConvertedStack convert(RecordedStackTrace stackTrace) {
        if (stackTrace == null) {
            return ConvertedStack.EMPTY;
        }
        ConvertedStack converted = stackCache.get(stackTrace);
        if (converted == null) {
            converted = ConvertedStack.of(stackTrace);
            if (stackCache.size() >= MAX_CACHED_STACKS) {
                stackCache.clear();
            }
            stackCache.put(stackTrace, converted);
        }
        return converted;
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /**
     * A waiting stack in report form: formatted frames, innermost first, its call site, the class of that
     * site, the class of the first frame below the agent's own, and whether a wait with this stack happened
     * inside a task ({@link WorkerWaits#inTask}).
     */
    private record ConvertedStack(List<String> framesLeafFirst, String site, String siteClass, String firstClass,
            boolean inTask) {

        static final ConvertedStack EMPTY = new ConvertedStack(List.of(), null, null, null, false);

        static ConvertedStack of(RecordedStackTrace stackTrace) {
            List<String> classNames = new ArrayList<>();
            List<String> methodNames = new ArrayList<>();
            List<String> frames = new ArrayList<>();
            for (RecordedFrame frame : stackTrace.getFrames()) {
                RecordedMethod method = frame.getMethod();
                if (method == null || method.getType() == null) {
                    continue;
                }
                String className = ClassNames.javaName(method.getType().getName());
                if (ClassNames.isAgent(className)) {
                    // The agent's helpers sit on the waiting thread's stack; they are never part of a report.
                    continue;
                }
                classNames.add(className);
                methodNames.add(method.getName());
                frames.add(Frames.format(className, method.getName(), frame.getLineNumber()));
            }
            int siteIndex = Frames.siteIndex(classNames);
            String site = siteIndex < 0 ? null : frames.get(siteIndex);
            String siteClass = siteIndex < 0 ? null : classNames.get(siteIndex);
            String firstClass = classNames.isEmpty() ? null : classNames.get(0);
            List<String> kept = frames.size() > Frames.MAX_STACK_DEPTH ? frames.subList(0, Frames.MAX_STACK_DEPTH) : frames;
            return new ConvertedStack(List.copyOf(kept), site, siteClass, firstClass,
                    WorkerWaits.inTask(classNames, methodNames));
        }
    }
}
