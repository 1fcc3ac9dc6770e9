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
        INSTANCE.watch(new GlobalLockWatch(System::nanoTime, WarningLines.of(options), GlobalLockWarningEvent::commit));
        jdk.jfr.FlightRecorder.register(contention.agent.bootstrap.events.LockWaitEvent.class);
        // Committed from this task only, never from advice, so it needs no initializing before transformations.
        jdk.jfr.FlightRecorder.register(GlobalLockWarningEvent.class);
        jdk.jfr.FlightRecorder.addPeriodicEvent(LockStatsEvent.class, INSTANCE);
    }

    private synchronized void watch(GlobalLockWatch watch) {
        this.watch = watch;
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

    private long lastNanos = System.nanoTime(); // reset by startFirstPeriod
    private final LockFields fields = new LockFields();
    private GlobalLockWatch watch; // null until registered, or after it failed

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
            watch.startPeriod(periodNanos);
            for (Active a : active) {
                if (a.state != LockRegistry.OTHER) {
                    watch.judge(a.state.id, a.state.lockClass, fieldOf(a.state), a.state.allocationSite,
                            a.state.monitor, a.drained.waitNanos,
                            a.drained.sampledHoldNanos * LockAdviceHelper.HOLD_SAMPLE_RATE,
                            Math.max(a.drained.waitingThreads, a.drained.acquiringThreads));
                }
            }
        } catch (Throwable t) {
            watch = null;
            AgentLog.info("global-lock warnings stopped: " + AgentLog.describe(t));
        }
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
