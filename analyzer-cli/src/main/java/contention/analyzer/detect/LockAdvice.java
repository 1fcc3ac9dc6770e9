// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.detect;

import contention.analyzer.model.CallSite;
import contention.analyzer.model.LockId;
import java.util.List;
import java.util.Locale;

/**
 * A small catalog of what to do about a contended lock, keyed by the lock's class; the advice names the lock,
 * where it was created and where threads waited for it, so that it alone tells a person where to look.
 */
public final class LockAdvice {

    private static final String COLLECTIONS_WRAPPER = "java.util.Collections$Synchronized";
    private static final String JUC_LOCKS = "java.util.concurrent.locks.";

    private static final String JUL_HANDLER =
            "The %s formats and writes every record while holding the handler's lock (StreamHandler.publish is"
                    + " synchronized), so every logging thread queues behind it: log less on hot paths or raise the"
                    + " level, and hand records to one writer thread (an asynchronous handler, or SLF4J with"
                    + " log4j2's async loggers or logback's AsyncAppender).";
    private static final String LOG4J1_CATEGORY =
            "log4j 1.x calls appenders while synchronized on the logger (Category.callAppenders), so every thread"
                    + " that logs through the %s queues behind it: move to log4j2 with async loggers or to logback"
                    + " with an AsyncAppender.";
    private static final String LOGBACK_APPENDER =
            "The %s extends logback's AppenderBase, whose doAppend is synchronized: use an appender built on"
                    + " UnsynchronizedAppenderBase, or put an AsyncAppender in front of it.";
    private static final String PRINT_STREAM =
            "Every println on the %s takes the stream's lock and writes through: log through a logger with an"
                    + " asynchronous appender, or build the output per thread and write it in one call.";
    private static final String SECURE_RANDOM =
            "Threads queue for one random number generator, the %s (UUID.randomUUID() draws from one shared"
                    + " SecureRandom): use ThreadLocalRandom for ids that need not be unguessable, or one"
                    + " SecureRandom per thread.";

    /**
     * One catalog entry: locks whose class (or, in {@link #BY_FRAME}, a frame of the waiting stack) starts with
     * {@code classPrefix} get {@code template}, whose {@code %s} is the lock as a person finds it ("Collections.synchronizedMap at com.acme.Cache.get(...)").
     */
    private record Entry(String classPrefix, String template) {}

    // First match wins: more specific prefixes come first.
    private static final List<Entry> CATALOG = List.of(
            new Entry(COLLECTIONS_WRAPPER + "SortedMap",
                    "Replace the %s with a ConcurrentSkipListMap: the wrapper puts every call on one monitor."),
            new Entry(COLLECTIONS_WRAPPER + "NavigableMap",
                    "Replace the %s with a ConcurrentSkipListMap: the wrapper puts every call on one monitor."),
            new Entry(COLLECTIONS_WRAPPER + "Map",
                    "Replace the %s with a concurrent collection such as ConcurrentHashMap, or a concurrent cache"
                            + " such as Caffeine for an LRU cache: the wrapper puts every call on one monitor."),
            new Entry(COLLECTIONS_WRAPPER + "Set",
                    "Replace the %s with ConcurrentHashMap.newKeySet() (a ConcurrentSkipListSet if it must stay"
                            + " sorted): the wrapper puts every call on one monitor."),
            new Entry(COLLECTIONS_WRAPPER + "RandomAccessList",
                    "Replace the %s with a CopyOnWriteArrayList if reads far outnumber writes, else a concurrent"
                            + " queue or per-thread lists merged at the end: the wrapper puts every call on one"
                            + " monitor."),
            new Entry(COLLECTIONS_WRAPPER + "List",
                    "Replace the %s with a CopyOnWriteArrayList if reads far outnumber writes, else a concurrent"
                            + " queue or per-thread lists merged at the end: the wrapper puts every call on one"
                            + " monitor."),
            new Entry(COLLECTIONS_WRAPPER,
                    "Replace the %s, which puts every call on one monitor, with a concurrent collection such as"
                            + " ConcurrentHashMap, or a concurrent cache such as Caffeine for an LRU cache."),
            new Entry("java.util.Hashtable",
                    "Replace the %s with a ConcurrentHashMap: Hashtable synchronizes every call on one monitor."),
            new Entry("java.util.Properties",
                    "Read the %s once into an immutable or concurrent map and look values up there: Properties is"
                            + " a Hashtable that synchronizes every call."),
            new Entry("java.util.Vector",
                    "Replace the %s with a concurrent collection such as CopyOnWriteArrayList or"
                            + " ConcurrentLinkedQueue, or a per-thread list merged at the end: Vector synchronizes"
                            + " every call on one monitor."),
            new Entry("java.util.Stack",
                    "Replace the %s with a ConcurrentLinkedDeque, or an ArrayDeque owned by one thread: Stack"
                            + " synchronizes every call on one monitor."),
            new Entry("java.lang.StringBuffer",
                    "Replace the %s with a StringBuilder per thread: StringBuffer synchronizes every append."),
            new Entry("java.util.concurrent.ConcurrentHashMap",
                    "Threads waited for a bin of the %s: compute, computeIfAbsent, computeIfPresent and merge lock"
                            + " the key's bin while the mapping function runs. Keep that function short and free of"
                            + " I/O and of other locks; compute the value outside and putIfAbsent it, or store a"
                            + " CompletableFuture so that the map holds the bin only to insert it (a cache such as"
                            + " Caffeine does this)."),
            new Entry(JUC_LOCKS,
                    "Shorten the critical section of the %s (move work that does not touch the shared state out"
                            + " of it), stripe the lock by key, or use a lock-free structure such as a concurrent"
                            + " collection or atomics."),
            new Entry("java.util.concurrent.Semaphore",
                    "Threads queue for permits of the %s: hold a permit for less time, or raise the number of"
                            + " permits if the guarded resource allows it."),
            new Entry("java.util.logging.", JUL_HANDLER),
            new Entry("org.apache.log4j.", LOG4J1_CATEGORY),
            new Entry("ch.qos.logback.", LOGBACK_APPENDER),
            new Entry("java.io.PrintStream", PRINT_STREAM),
            new Entry("java.security.SecureRandom", SECURE_RANDOM),
            new Entry("sun.security.provider.", SECURE_RANDOM));

    /*
     * Known offenders recognized by a frame on the waiting stack rather than by the lock's class: the lock is the
     * app's subclass (a logback appender, a log4j Logger) or a private object of the JDK (NativePRNG's).
     */
    private static final List<Entry> BY_FRAME = List.of(
            new Entry("java.util.logging.StreamHandler.publish", JUL_HANDLER),
            new Entry("org.apache.log4j.Category.callAppenders", LOG4J1_CATEGORY),
            new Entry("ch.qos.logback.core.AppenderBase.doAppend", LOGBACK_APPENDER),
            new Entry("java.io.PrintStream.", PRINT_STREAM),
            new Entry("java.util.UUID.randomUUID", SECURE_RANDOM),
            new Entry("java.security.SecureRandom.", SECURE_RANDOM),
            new Entry("sun.security.provider.", SECURE_RANDOM));

    // %1$s the method ("static synchronized com.acme.Ids.next"), %2$s the monitor ("com.acme.Ids.class"), %3$s where.
    private static final String STATIC_SYNCHRONIZED_TEMPLATE =
            "%1$s takes the monitor of %2$s, one for the whole JVM, so its callers run one at a time%3$s: make"
                    + " it lock-free (an AtomicLong or LongAdder for counters, per-thread state merged later), or"
                    + " lock only the shared update and do the rest (formatting, I/O) outside it.";

    private static final String DEFAULT_TEMPLATE =
            "Hold the %s for less time: move work that does not touch the shared state out of the synchronized"
                    + " section, split the lock by key (lock striping), or replace the guarded structure with a"
                    + " concurrent one.";

    /** The advice for a lock of this class, wherever it is: general advice when the catalog has no entry. */
    public static String forLockClass(String lockClass) {
        return forLock(LockId.ofClass(lockClass), null);
    }

    /**
     * The advice for this lock, naming it, its field or allocation site when known, and its worst call site.
     *
     * @param lock the lock
     * @param worstSite where threads waited longest for it, or {@code null} when no stack was recorded
     */
    public static String forLock(LockId lock, CallSite worstSite) {
        if (lock.isStaticSynchronized()) {
            return String.format(Locale.ROOT, STATIC_SYNCHRONIZED_TEMPLATE, lock.field(), lock.className(),
                    worstSite == null ? "" : " (threads waited most at " + worstSite.frame() + ")");
        }
        String template = DEFAULT_TEMPLATE;
        String byFrame = worstSite == null ? null : byFrame(worstSite.stack());
        for (Entry entry : byFrame != null ? List.<Entry>of() : CATALOG) {
            if (lock.className().startsWith(entry.classPrefix())) {
                template = entry.template();
                break;
            }
        }
        return String.format(Locale.ROOT, byFrame != null ? byFrame : template,
                personName(lock.className()) + where(lock, worstSite));
    }

    // The advice of the first known offender on the waiting stack, innermost frame first; null if none.
    private static String byFrame(List<String> stackLeafFirst) {
        for (String frame : stackLeafFirst) {
            for (Entry entry : BY_FRAME) {
                if (frame.startsWith(entry.classPrefix())) {
                    return entry.template();
                }
            }
        }
        return null;
    }

    /**
     * What to say of a fair lock: it hands itself to the longest waiter, which must first be scheduled, so threads
     * can wait most of their time for a lock that is mostly free (the ledger sample: held 3% of the run, waited
     * for 84% of its threads' time).
     */
    public static String fairLock(double utilization, double waitShare) {
        return String.format(Locale.ROOT, "It is a fair lock: each release hands it to the longest-waiting thread,"
                + " which must first be scheduled, so it was held only %d%% of the run while its threads waited %d%%"
                + " of their time; unless strict arrival order is required, make it non-fair (new ReentrantLock()"
                + " or new ReentrantReadWriteLock()), which lets a running thread take a free lock at once.",
                Math.round(utilization * 100), Math.round(waitShare * 100));
    }

    /**
     * Where a person finds the lock in the code, as a phrase to append to its name: its field, where it was
     * created and where threads waited for it, each when known; empty when nothing is.
     */
    static String where(LockId lock, CallSite worstSite) {
        String place = placeOf(lock);
        if (worstSite == null) {
            return place;
        }
        return place + (lock.allocationSite() != null ? " and waited for at " : " at ") + worstSite.frame();
    }

    /**
     * The lock's field and allocation site, when known, as a phrase to append to its name
     * ({@code " created at com.acme.Ledger.<init>(Ledger.java:14)"}); empty when neither is known.
     */
    public static String placeOf(LockId lock) {
        StringBuilder place = new StringBuilder();
        if (lock.field() != null) {
            place.append(" in ").append(lock.field());
        }
        if (lock.allocationSite() != null) {
            place.append(" created at ").append(lock.allocationSite());
        }
        return place.toString();
    }

    /**
     * The lock as a finding's title names it: {@code static synchronized com.acme.Ids.next (the monitor of
     * com.acme.Ids.class)} for a class monitor, else its class, field and allocation site as known.
     */
    public static String nameOf(LockId lock) {
        if (lock.isStaticSynchronized()) {
            return lock.field() + " (the monitor of " + lock.className() + ")";
        }
        return lock.className() + placeOf(lock);
    }

    /**
     * The lock as a person writes it in code: {@code Collections.synchronizedMap} for the map wrapper,
     * {@code ReentrantLock} for j.u.c locks, the simple name for other JDK classes, the "class monitor" of
     * {@code static synchronized} code, and "monitor of com.acme.Registry" for any other class.
     */
    static String personName(String lockClass) {
        if (lockClass.startsWith(COLLECTIONS_WRAPPER)) {
            String kind = lockClass.substring(COLLECTIONS_WRAPPER.length()).replace("RandomAccessList", "List");
            return "Collections.synchronized" + kind;
        }
        if (lockClass.equals("java.lang.Class")) {
            return "class monitor (static synchronized)";
        }
        if (lockClass.startsWith("java.") && lockClass.indexOf('$') < 0) {
            return lockClass.substring(lockClass.lastIndexOf('.') + 1);
        }
        return "monitor of " + lockClass;
    }

    private LockAdvice() {}
}
