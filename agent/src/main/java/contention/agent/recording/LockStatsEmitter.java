// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.recording;

import contention.agent.AgentLog;
import contention.agent.AgentOptions;
import contention.agent.bootstrap.ClockCost;
import contention.agent.bootstrap.LockAdviceHelper;
import contention.agent.bootstrap.LockRegistry;
import contention.agent.bootstrap.LockState;
import contention.agent.bootstrap.events.LockStatsEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Writes one {@code contention.LockStats} event per active lock each period, from JFR's periodic task. At most
 * {@link #MAX_LOCKS_PER_PERIOD} locks, those with most wait; the rest go into one event for "[other locks]". Every
 * active lock is also shown to the {@link GlobalLockWatch}, which warns when one serializes the app.
 */
public final class LockStatsEmitter implements Runnable {

    private static final LockStatsEmitter INSTANCE = new LockStatsEmitter();

    /**
     * Registers the lock events with JFR; only when lock instrumentation is on (the classes are bootstrap's).
     * Global-lock warnings go where {@code options} say.
     */
    public static void register(AgentOptions options) {
        INSTANCE.watch(new GlobalLockWatch(System::nanoTime, WarningLines.of(options), GlobalLockWarningEvent::commit,
                INSTANCE::waitingSite));
        jdk.jfr.FlightRecorder.register(contention.agent.bootstrap.events.LockWaitEvent.class);
        // Committed from this task only, never from advice, so it needs no initializing before transformations.
        jdk.jfr.FlightRecorder.register(GlobalLockWarningEvent.class);
        jdk.jfr.FlightRecorder.addPeriodicEvent(LockStatsEvent.class, INSTANCE);
        try {
            MonitorWaitSampler sampler = MonitorWaitSampler.ofThisJvm();
            INSTANCE.sampleMonitorWaits(sampler);
            jdk.jfr.FlightRecorder.addPeriodicEvent(MonitorWaitSampleEvent.class, INSTANCE::sampleMonitorWaits);
        } catch (Throwable t) { // e.g. a runtime image without java.management: monitors are judged by hold alone
            AgentLog.info("monitor waits not sampled for global-lock warnings: " + AgentLog.describe(t));
        }
    }

    private synchronized void watch(GlobalLockWatch watch) {
        this.watch = watch;
    }

    private synchronized void sampleMonitorWaits(MonitorWaitSampler sampler) {
        this.sampler = sampler;
    }

    // Where threads wait for a monitor the sampler watched, for a warning; asked on the thread writing a period.
    private String waitingSite(long lockId) {
        MonitorWaitSampler current = sampler;
        try {
            return current == null ? "" : current.waitingSite(lockId);
        } catch (Throwable t) { // the warning goes out without the site
            return "";
        }
    }

    // Not synchronized on this: a look must not wait for a period being written. A failure stops the looks.
    private void sampleMonitorWaits() {
        MonitorWaitSampler current = sampler;
        if (current == null) {
            return;
        }
        try {
            current.sample();
        } catch (Throwable t) {
            sampler = null;
            AgentLog.info("monitor waits no longer sampled for global-lock warnings: " + AgentLog.describe(t));
        }
    }

    /**
     * Starts the first period now, when the recording has started: what was counted before it falls outside the
     * recording's time and is dropped, so every period lies within the recording the report describes.
     */
    public static void startFirstPeriod() {
        ClockCost.calibrate(); // before the first period, whose holds it corrects
        INSTANCE.restart();
    }

    private synchronized void restart() {
        for (LockState state : LockRegistry.states()) {
            state.drain();
        }
        lastNanos = System.nanoTime();
    }

    /**
     * Writes the period so far, cut short: called when a chunk ends (the recording's {@code contention.StatsFlush}
     * hook, which JFR runs before it closes the chunk, also when the recording stops at exit); without it a run
     * shorter than one period would have no statistics at all.
     */
    public static void flush() {
        INSTANCE.run();
    }

    /** Locks written per period; beyond it a report would not show them anyway. */
    static final int MAX_LOCKS_PER_PERIOD = 200;

    // A monitor held at least this share of a period by 2 or more threads has its threads' states sampled the next
    // period: a global lock is held most of the time (the report asks U >= 0.5 of one).
    static final double MIN_MONITOR_CANDIDATE_UTILIZATION = 0.3;

    // Fewer looks in a period (the first period a monitor is watched in can be cut short) leave its wait unknown.
    static final int MIN_MONITOR_WAIT_SAMPLES = 10;

    private long lastNanos = System.nanoTime(); // reset by startFirstPeriod
    private final LockFields fields = new LockFields();
    private GlobalLockWatch watch; // null until registered, or after it failed
    private volatile MonitorWaitSampler sampler; // null when not available, or after it failed

    @Override
    public synchronized void run() {
        long now = System.nanoTime();
        long periodNanos = now - lastNanos;
        lastNanos = now;
        List<Active> active = new ArrayList<>();
        for (LockState state : LockRegistry.states()) {
            LockState.Drained drained = state.drain();
            if (!drained.isEmpty()) {
                active.add(new Active(state, drained));
            }
        }
        active.sort(Comparator.comparingLong((Active a) -> a.drained.waitNanos).reversed());
        judge(active, periodNanos);
        Totals other = new Totals();
        for (int i = 0; i < active.size(); i++) {
            Active a = active.get(i);
            if (i < MAX_LOCKS_PER_PERIOD && a.state != LockRegistry.OTHER) {
                write(a.state.id, a.state.lockClass, a.state.fair, a.state.monitor,
                        a.state.allocationSite, fieldOf(a.state), periodNanos, a.drained.contended,
                        a.drained.waitNanos, a.drained.sampledAcquisitions, a.drained.sampledHoldNanos,
                        a.drained.waitingThreads);
            } else {
                other.add(a.drained);
            }
        }
        if (other.any) {
            write(0, LockRegistry.OTHER.lockClass, false, false, "", "", periodNanos, other.contended, other.waitNanos,
                    other.sampledAcquisitions, other.sampledHoldNanos, other.waitingThreads);
        }
    }

    // Every active lock, also those beyond MAX_LOCKS_PER_PERIOD: a monitor's wait is 0 here, so a hot monitor can
    // sort after hundreds of locks. A failure stops the warnings, never the statistics or JFR's thread.
    private void judge(List<Active> active, long periodNanos) {
        if (watch == null) {
            return;
        }
        try {
            Map<Long, MonitorWaitSampler.Waits> monitorWaits = monitorWaits(active, periodNanos);
            watch.startPeriod(periodNanos);
            for (Active a : active) {
                if (a.state != LockRegistry.OTHER) {
                    long waitNanos = a.drained.waitNanos;
                    GlobalLockWatch.Waits found = GlobalLockWatch.Waits.MEASURED;
                    if (a.state.monitor) {
                        MonitorWaitSampler.Waits waits = monitorWaits.get(a.state.id);
                        boolean sampled = waits != null && waits.samples >= MIN_MONITOR_WAIT_SAMPLES;
                        found = sampled ? GlobalLockWatch.Waits.SAMPLED : GlobalLockWatch.Waits.UNKNOWN;
                        waitNanos = sampled ? waits.waitNanos(periodNanos) : 0;
                    }
                    watch.judge(a.state.id, a.state.lockClass, fieldOf(a.state), a.state.allocationSite,
                            found, waitNanos, holdNanos(a),
                            Math.max(a.drained.waitingThreads, a.drained.acquiringThreads));
                }
            }
        } catch (Throwable t) {
            watch = null;
            AgentLog.info("global-lock warnings stopped: " + AgentLog.describe(t));
        }
    }

    // What the sampler found for the monitors it watched this period; the monitors to watch next: those held at
    // least MIN_MONITOR_CANDIDATE_UTILIZATION of this period by two or more threads, busiest first.
    private Map<Long, MonitorWaitSampler.Waits> monitorWaits(List<Active> active, long periodNanos) {
        MonitorWaitSampler current = sampler;
        if (current == null) {
            return Map.of();
        }
        List<Active> busy = new ArrayList<>();
        for (Active a : active) {
            if (a.state.monitor && a.state != LockRegistry.OTHER && a.drained.acquiringThreads >= 2
                    && holdNanos(a) >= MIN_MONITOR_CANDIDATE_UTILIZATION * periodNanos) {
                busy.add(a);
            }
        }
        busy.sort(Comparator.comparingLong(LockStatsEmitter::holdNanos).reversed());
        List<MonitorWaitSampler.Candidate> next = new ArrayList<>();
        for (Active a : busy) {
            next.add(new MonitorWaitSampler.Candidate(a.state.id, a.state.identityHash, a.drained.acquiringThreadIds));
        }
        return current.takeAndWatch(next);
    }

    private static long holdNanos(Active a) {
        return a.drained.sampledHoldNanos * LockAdviceHelper.HOLD_SAMPLE_RATE;
    }

    // Looked up once per lock, the first period it is active in: reading bytecode is too slow for every period.
    private String fieldOf(LockState state) {
        if (!state.fieldResolved) {
            state.field = state.site == null ? null : fields.fieldOf(state.site);
            state.fieldResolved = true;
        }
        return state.field == null ? "" : state.field;
    }

    private static void write(long id, String lockClass, boolean fair, boolean monitor, String site, String field, long periodNanos, long contended,
            long waitNanos, long sampledAcquisitions, long sampledHoldNanos, int waitingThreads) {
        LockStatsEvent event = new LockStatsEvent();
        event.lockId = id;
        event.lockClass = lockClass;
        event.fair = fair;
        event.monitor = monitor;
        event.allocationSite = site;
        event.field = field;
        event.periodNanos = periodNanos;
        event.contendedAcquisitions = contended;
        event.waitNanos = waitNanos;
        event.acquisitions = Math.max(contended, sampledAcquisitions * LockAdviceHelper.HOLD_SAMPLE_RATE);
        event.holdNanos = sampledHoldNanos * LockAdviceHelper.HOLD_SAMPLE_RATE;
        event.holdSampleRate = LockAdviceHelper.HOLD_SAMPLE_RATE;
        event.waitingThreads = waitingThreads;
        event.commit();
    }

    private static final class Active {
        final LockState state;
        final LockState.Drained drained;

        Active(LockState state, LockState.Drained drained) {
            this.state = state;
            this.drained = drained;
        }
    }

    private static final class Totals {
        boolean any;
        long contended;
        long waitNanos;
        long sampledAcquisitions;
        long sampledHoldNanos;
        int waitingThreads;

        void add(LockState.Drained d) {
            any = true;
            contended += d.contended;
            waitNanos += d.waitNanos;
            sampledAcquisitions += d.sampledAcquisitions;
            sampledHoldNanos += d.sampledHoldNanos;
            waitingThreads = Math.max(waitingThreads, d.waitingThreads);
        }
    }
}
