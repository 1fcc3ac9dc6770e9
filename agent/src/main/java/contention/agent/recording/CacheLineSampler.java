// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.recording;

import contention.agent.AgentLog;
import contention.agent.bootstrap.falsesharing.Handles;
import contention.agent.bootstrap.falsesharing.SharedWrites;
import contention.agent.bootstrap.falsesharing.WriteBuffer;
import contention.agent.bootstrap.falsesharing.WriteSites;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Opens the false-sharing sampling windows, drains what the app's threads noted in them ({@link SharedWrites}), and
 * writes one {@code contention.CacheLineStats} event per pair of members each period.
 *
 * <p>What a window shows: per object, which threads wrote (or read) which of its members. Two members less than
 * {@link #LINE_BYTES} apart, one written by a thread and the other written or read by another thread in the same
 * window, are false sharing evidence; one member written by two threads is true sharing. The agent has no clock
 * per access (too dear), so how often the line moved between cores is estimated as twice the smaller side's
 * writes: the most that alternate. A worked example: in a 20 ms window thread 1 wrote {@code Stats.hits} 1,024
 * times (its buffer's capacity) and saw 1.6 million writes in all, thread 2 wrote {@code Stats.misses} 1.5 million
 * times; the pair's interleavings are 3 million for 20 ms of sampling.
 *
 * <p>Assumptions and guarantees: {@link #tick} and {@link #run} run on JFR's periodic thread, {@link #flush} when a
 * chunk ends; all synchronize on this object. Memory: the buffers (one per thread that wrote in a window, ~30 KB
 * each) and at most {@link #MAX_PAIRS_KEPT} pairs per period.
 */
public final class CacheLineSampler implements Runnable {

    /** Bytes in a cache line; members closer than this can share one. */
    static final long LINE_BYTES = 64;

    /** Pairs kept per period; the rest are counted in {@code droppedPairs}. */
    static final int MAX_PAIRS_KEPT = 1_000;

    /** Pairs written per period, most interleaved first. */
    static final int MAX_PAIRS_WRITTEN = 50;

    /** Thread names kept per pair. */
    static final int MAX_THREAD_NAMES = 8;

    private static CacheLineSampler instance; // null unless registered

    /**
     * Ticks of {@link FalseSharingTickEvent#PERIOD} the hooks stay armed at a time, and before the first time: 1 s.
     * Arming and disarming recompile the app's methods that write shared memory, so the sampled time comes in
     * periods this long rather than in single windows: at 5%, one armed second in twenty.
     */
    static final int ARMED_TICKS = 50;

    private final MemberLayout layout;
    private final int cycleTicks; // one armed period per cycle; 0: armed all the time
    private long ticks;
    private long windowStart;
    private long periodStart = System.nanoTime();
    private long sampledNanos;
    private final Map<List<Object>, Pair> pairs = new LinkedHashMap<>();
    private long dropped;

    private CacheLineSampler(MemberLayout layout, int ratePercent) {
        this.layout = layout;
        this.cycleTicks = ratePercent >= 100 ? 0 : Math.round(ARMED_TICKS * 100f / ratePercent);
    }

    /**
     * Registers the timer and the statistics with JFR: sampling {@code ratePercent} of the time, in armed periods of
     * {@link #ARMED_TICKS} windows of {@link FalseSharingTickEvent#PERIOD}, the first one second after start.
     */
    public static synchronized void register(Instrumentation instrumentation, int ratePercent) {
        instance = new CacheLineSampler(MemberLayout.of(instrumentation), ratePercent);
        jdk.jfr.FlightRecorder.addPeriodicEvent(FalseSharingTickEvent.class, CacheLineSampler::tickSafely);
        jdk.jfr.FlightRecorder.addPeriodicEvent(CacheLineStatsEvent.class, instance);
    }

    /** Writes the period so far (a chunk is ending). */
    public static void flush() {
        CacheLineSampler sampler = instance;
        if (sampler != null) {
            sampler.run();
        }
    }

    private static void tickSafely() {
        CacheLineSampler sampler = instance;
        try {
            if (sampler != null) {
                sampler.tick(System.nanoTime());
            }
        } catch (Throwable t) {
            instance = null;
            SharedWrites.arm(false);
            AgentLog.info("false-sharing sampling stopped: " + AgentLog.describe(t));
        }
    }

    /**
     * One timer tick: ends the open window and drains it, then opens the next while the hooks stay armed; arms
     * them when an armed period begins and disarms them when it ends.
     */
    synchronized void tick(long now) {
        ticks++;
        boolean armedPeriod = ticks > ARMED_TICKS
                && (cycleTicks == 0 || (ticks - ARMED_TICKS - 1) % cycleTicks < ARMED_TICKS);
        if (windowStart != 0) {
            if (!armedPeriod) {
                SharedWrites.arm(false); // closes the window too
            }
            int ended = SharedWrites.flip();
            sampledNanos += now - windowStart;
            windowStart = armedPeriod ? now : 0;
            drain(ended);
        } else if (armedPeriod) {
            windowStart = now;
            SharedWrites.sampling(true);
        }
    }

    // Groups the window's accesses by object, then by member and thread, and adds the pairs they make.
    private void drain(int half) {
        Map<Object, Map<Object, Member>> byOwner = new IdentityHashMap<>();
        for (WriteBuffer buffer : SharedWrites.buffers()) {
            int n = buffer.count(half);
            double scale = n == 0 ? 1 : (double) (n + buffer.beyond(half)) / n; // stands for the accesses not kept
            for (int i = 0; i < n; i++) {
                Object owner = buffer.owner(half, i);
                WriteSites.Site site = WriteSites.site(buffer.site(half, i));
                if (owner == null || site == null) {
                    continue; // not written yet when read, or a site past the bound
                }
                byte kind = buffer.kind(half, i);
                boolean slot = kind == WriteBuffer.SLOT_WRITE || kind == WriteBuffer.SLOT_READ;
                Object key;
                String declaring = site.owner;
                String field = site.field;
                if (slot) {
                    key = buffer.slot(half, i);
                } else if (kind == WriteBuffer.HANDLE_WRITE || kind == WriteBuffer.HANDLE_READ) {
                    String[] handled = layout.fieldOf(Handles.handle(buffer.slot(half, i)));
                    if (handled == null) {
                        continue; // a handle past the table's bound, or one whose field is unknown
                    }
                    declaring = handled[0];
                    field = handled[1];
                    key = declaring + '.' + field;
                } else {
                    key = -1 - buffer.site(half, i);
                }
                int slotIndex = slot ? buffer.slot(half, i) : -1;
                String memberOwner = declaring;
                String memberField = field;
                Member member = byOwner.computeIfAbsent(owner, o -> new HashMap<>())
                        .computeIfAbsent(key, k -> new Member(site, slotIndex, memberOwner, memberField));
                Access access = member.byThread.computeIfAbsent(buffer.thread, t -> new Access());
                if (kind == WriteBuffer.READ || kind == WriteBuffer.SLOT_READ || kind == WriteBuffer.HANDLE_READ) {
                    access.reads += scale;
                } else {
                    access.writes += scale;
                }
            }
            buffer.clear(half);
        }
        for (Map.Entry<Object, Map<Object, Member>> owner : byOwner.entrySet()) {
            pairsOf(owner.getKey(), merge(owner.getValue().values()));
        }
    }

    // Sites of one field are one member: keyed by name for fields (their sites differ), by slot for arrays.
    private static List<Member> merge(java.util.Collection<Member> members) {
        Map<String, Member> byName = new LinkedHashMap<>();
        for (Member m : members) {
            String name = m.name();
            Member known = byName.get(name);
            if (known == null) {
                byName.put(name, m);
            } else {
                m.byThread.forEach((thread, access) -> {
                    Access into = known.byThread.computeIfAbsent(thread, t -> new Access());
                    into.writes += access.writes;
                    into.reads += access.reads;
                });
            }
        }
        return new ArrayList<>(byName.values());
    }

    private void pairsOf(Object owner, List<Member> members) {
        Class<?> type = owner.getClass();
        for (Member m : members) {
            m.offset = m.slot >= 0
                    ? layout.slotOffset(arrayTypeOf(type), m.slot)
                    : layout.fieldOffset(type, m.declaring, m.field);
        }
        members.removeIf(m -> m.offset < 0);
        members.sort(Comparator.comparingLong(m -> m.offset));
        String ownerClass = type.isArray() ? type.getComponentType().getName() + "[]" : type.getName();
        String kind = type.isArray() || m0IsSlot(members) ? "array" : "field";
        for (int i = 0; i < members.size(); i++) {
            Member a = members.get(i);
            if (a.writers() >= 2) {
                add(kind, ownerClass, a, a, true);
            }
            for (int j = i + 1; j < members.size() && members.get(j).offset - a.offset < LINE_BYTES; j++) {
                Member b = members.get(j);
                if (crossThreads(a, b) || crossThreads(b, a)) {
                    add(kind, ownerClass, a, b, false);
                }
            }
        }
    }

    private static boolean m0IsSlot(List<Member> members) {
        return !members.isEmpty() && members.get(0).slot >= 0;
    }

    // AtomicLongArray and AtomicIntegerArray keep their slots in a long[] or int[]: its layout is theirs.
    private static Class<?> arrayTypeOf(Class<?> type) {
        if (type.isArray()) {
            return type;
        }
        if (type == java.util.concurrent.atomic.AtomicLongArray.class) {
            return long[].class;
        }
        if (type == java.util.concurrent.atomic.AtomicIntegerArray.class) {
            return int[].class;
        }
        return Object.class;
    }

    // Some thread writes a while another thread writes or reads b.
    private static boolean crossThreads(Member a, Member b) {
        for (Map.Entry<Thread, Access> writer : a.byThread.entrySet()) {
            if (writer.getValue().writes == 0) {
                continue;
            }
            for (Thread other : b.byThread.keySet()) {
                if (other != writer.getKey()) {
                    return true;
                }
            }
        }
        return false;
    }

    private void add(String kind, String ownerClass, Member a, Member b, boolean trueSharing) {
        String nameA = a.name();
        String nameB = b.name();
        List<Object> key = List.of(kind, ownerClass, nameA, nameB);
        Pair pair = pairs.get(key);
        if (pair == null) {
            if (pairs.size() >= MAX_PAIRS_KEPT) {
                dropped++;
                return;
            }
            pair = new Pair(kind, ownerClass, nameA, nameB, a.offset, b.offset, a.site.frame, b.site.frame,
                    trueSharing);
            pairs.put(key, pair);
        }
        double writesA = a.total(true);
        double writesB = trueSharing ? 0 : b.total(true);
        double readsA = a.total(false);
        double readsB = trueSharing ? 0 : b.total(false);
        pair.writesA += writesA;
        pair.writesB += writesB;
        pair.readsA += readsA;
        pair.readsB += readsB;
        pair.threadsA = Math.max(pair.threadsA, a.byThread.size());
        pair.threadsB = Math.max(pair.threadsB, trueSharing ? 0 : b.byThread.size());
        if (trueSharing) {
            // Each write by another thread than the line's last writer moves it: at most all but the largest share.
            double largest = 0;
            for (Access access : a.byThread.values()) {
                largest = Math.max(largest, access.writes);
            }
            pair.interleavings += 2 * Math.min(writesA - largest, largest);
        } else if (writesA > 0 && writesB > 0) {
            pair.interleavings += 2 * Math.min(writesA, writesB); // each side's writes take the line from the other
        } else {
            // One side only reads: each read after the other's write fetches the line, and the next write takes it
            // back (the reader/writer case).
            pair.interleavings += 2 * Math.min(writesA + writesB, readsA + readsB);
        }
        for (Thread thread : a.byThread.keySet()) {
            pair.name(thread);
        }
        for (Thread thread : b.byThread.keySet()) {
            pair.name(thread);
        }
    }

    /** Writes the period's pairs, most interleaved first, and starts a new period. */
    @Override
    public synchronized void run() {
        long now = System.nanoTime();
        long periodNanos = now - periodStart;
        periodStart = now;
        long sampled = sampledNanos;
        sampledNanos = 0;
        List<Pair> all = new ArrayList<>(pairs.values());
        pairs.clear();
        all.sort(Comparator.comparingDouble((Pair p) -> p.interleavings).reversed());
        long droppedNow = dropped + Math.max(0, all.size() - MAX_PAIRS_WRITTEN);
        dropped = 0;
        for (int i = 0; i < Math.min(all.size(), MAX_PAIRS_WRITTEN); i++) {
            Pair p = all.get(i);
            CacheLineStatsEvent event = new CacheLineStatsEvent();
            event.kind = p.kind;
            event.ownerClass = p.ownerClass;
            event.memberA = p.memberA;
            event.memberB = p.memberB;
            event.offsetA = p.offsetA;
            event.offsetB = p.offsetB;
            event.siteA = p.siteA;
            event.siteB = p.siteB;
            event.threadsA = p.threadsA;
            event.threadsB = p.threadsB;
            event.threadNames = String.join(",", p.threadNames);
            event.sampledWritesA = Math.round(p.writesA);
            event.sampledWritesB = Math.round(p.writesB);
            event.sampledReadsA = Math.round(p.readsA);
            event.sampledReadsB = Math.round(p.readsB);
            event.interleavings = Math.round(p.interleavings);
            event.sampledNanos = sampled;
            event.periodNanos = periodNanos;
            event.trueSharing = p.trueSharing;
            event.droppedPairs = i == 0 ? droppedNow : 0;
            event.commit();
        }
        if (all.isEmpty() && droppedNow > 0) {
            CacheLineStatsEvent event = new CacheLineStatsEvent();
            event.droppedPairs = droppedNow;
            event.sampledNanos = sampled;
            event.periodNanos = periodNanos;
            event.commit();
        }
    }

    /** One member of one object in one window: its first site and each thread's accesses. */
    private static final class Member {
        final WriteSites.Site site;
        final int slot; // -1 for a field
        final String declaring; // internal name of the class declaring the field
        final String field; // null for a slot
        final Map<Thread, Access> byThread = new IdentityHashMap<>();
        long offset;

        Member(WriteSites.Site site, int slot, String declaring, String field) {
            this.site = site;
            this.slot = slot;
            this.declaring = declaring;
            this.field = field;
        }

        String name() {
            return slot >= 0 ? "[" + slot + "]" : field;
        }

        int writers() {
            int n = 0;
            for (Access access : byThread.values()) {
                if (access.writes > 0) {
                    n++;
                }
            }
            return n;
        }

        double total(boolean writes) {
            double sum = 0;
            for (Access access : byThread.values()) {
                sum += writes ? access.writes : access.reads;
            }
            return sum;
        }
    }

    private static final class Access {
        double writes;
        double reads;
    }

    /** One pair's totals over the period. */
    private static final class Pair {
        final String kind;
        final String ownerClass;
        final String memberA;
        final String memberB;
        final long offsetA;
        final long offsetB;
        final String siteA;
        final String siteB;
        final boolean trueSharing;
        final Set<String> threadNames = new LinkedHashSet<>();
        int threadsA;
        int threadsB;
        double writesA;
        double writesB;
        double readsA;
        double readsB;
        double interleavings;

        Pair(String kind, String ownerClass, String memberA, String memberB, long offsetA, long offsetB, String siteA,
                String siteB, boolean trueSharing) {
            this.kind = kind;
            this.ownerClass = ownerClass;
            this.memberA = memberA;
            this.memberB = memberB;
            this.offsetA = offsetA;
            this.offsetB = offsetB;
            this.siteA = siteA;
            this.siteB = siteB;
            this.trueSharing = trueSharing;
        }

        void name(Thread thread) {
            if (threadNames.size() < MAX_THREAD_NAMES) {
                threadNames.add(thread.getName());
            }
        }
    }
}
