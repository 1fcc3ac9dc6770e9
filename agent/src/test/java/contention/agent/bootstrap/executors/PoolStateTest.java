// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.bootstrap.executors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A period's busy time counts the part of a task that ran in it: a task running across two periods is busy in
 * both, and not counted twice when it ends.
 */
class PoolStateTest {

    private static final long MS = 1_000_000L;

    @Test
    void aLongTaskIsBusyInEveryPeriodItSpansAndCountedOnce() throws InterruptedException {
        PoolState pool = new PoolState(1, new Object(), PoolState.KIND_OTHER, "", "", null, true);
        long start = System.nanoTime();
        pool.taskStarted(start);
        Thread.sleep(60);
        long first = pool.drain().busyNanos;
        Thread.sleep(60);
        long end = System.nanoTime();
        pool.taskEnded(start);
        pool.busyNanos.add(end - start);
        long second = pool.drain().busyNanos;
        long third = pool.drain().busyNanos;

        assertThat(first).isBetween(55 * MS, end - start);
        assertThat(second).isBetween(55 * MS, end - start);
        assertThat(first + second).isBetween(end - start - MS, end - start + MS);
        assertThat(third).isZero();
    }

    @Test
    void aWorkersOwnCountersGiveTheSameBusyTimeInEveryPeriodTheTaskSpans() throws InterruptedException {
        PoolState pool = new PoolState(2, new Object(), PoolState.KIND_OTHER, "", "", null, true);
        WorkerCounters worker = pool.workerStarted(Thread.currentThread());
        long start = System.nanoTime();
        worker.runStarted(start);
        Thread.sleep(60);
        PoolState.Drained first = pool.drain();
        Thread.sleep(60);
        long end = System.nanoTime();
        worker.runEnded(end - start, true);
        PoolState.Drained second = pool.drain();
        PoolState.Drained third = pool.drain();

        assertThat(first.busyNanos).isBetween(55 * MS, end - start);
        assertThat(first.completed).isZero();
        assertThat(second.busyNanos).isBetween(55 * MS, end - start);
        assertThat(first.busyNanos + second.busyNanos).isBetween(end - start - MS, end - start + MS);
        assertThat(second.completed).isEqualTo(1);
        assertThat(second.runTimeHistogram).isEqualTo(TaskHistogram.index(end - start) + ":1");
        assertThat(third.isEmpty()).isTrue();
    }

    @Test
    void aBusyWorkerTimesItsFirstRunsOfEachPeriodThenASampleWeightedToEstimateTheRest() {
        PoolState pool = new PoolState(4, new Object(), PoolState.KIND_OTHER, "", "", null, true);
        WorkerCounters worker = pool.workerStarted(Thread.currentThread());
        int runs = 90_000;
        long runNanos = 10_000;
        long weights = 0;
        int timed = 0;
        for (int i = 0; i < runs; i++) {
            int weight = worker.weightOfNextRun();
            if (i < WorkerCounters.TIMED_RUNS_PER_PERIOD) {
                assertThat(weight).as("run %d of the period", i).isEqualTo(1);
            } else {
                assertThat(weight).isIn(0, WorkerCounters.RUN_SAMPLE_RATE);
            }
            if (weight > 0) {
                timed++;
                worker.runStarted(1_000 + i);
                worker.runEnded(runNanos, true, weight);
            } else {
                worker.untimedRunEnded();
            }
            weights += weight;
        }
        PoolState.Drained drained = pool.drain();
        assertThat(drained.completed).isEqualTo(runs);
        assertThat(timed).as("timed runs").isBetween(19_500, 20_500); // 10,000 + 80,000 / 8, about
        assertThat(drained.busyNanos).isEqualTo(weights * runNanos);
        assertThat((double) drained.busyNanos).as("estimated busy time").isCloseTo(runs * runNanos,
                org.assertj.core.data.Percentage.withPercentage(5));
        assertThat(drained.runTimeHistogram).isEqualTo(TaskHistogram.index(runNanos) + ":" + weights);
        assertThat(worker.weightOfNextRun()).as("the drain starts a period: timed one by one again").isEqualTo(1);
    }

    @Test
    void workersAndTheSharedAddersAddUpAndAnEndedWorkerIsDrainedOnceThenForgotten() throws InterruptedException {
        PoolState pool = new PoolState(3, new Object(), PoolState.KIND_OTHER, "", "", null, true);
        WorkerCounters[] ended = new WorkerCounters[1];
        Thread worker = new Thread(() -> {
            ended[0] = pool.workerStarted(Thread.currentThread());
            for (int i = 0; i < 3; i++) {
                ended[0].runStarted(System.nanoTime());
                ended[0].runEnded(2_000, true); // bucket of 2,000 ns: 4
            }
        }, "io-1");
        worker.start();
        worker.join();
        WorkerCounters alive = pool.workerStarted(Thread.currentThread());
        alive.runEnded(500, false); // a nested run: counted and timed, not busy
        pool.completed.increment(); // a run the adders counted (a caller helping the pool)
        pool.runTimes.record(500);

        PoolState.Drained first = pool.drain();
        PoolState.Drained second = pool.drain();

        assertThat(first.completed).isEqualTo(5);
        assertThat(first.busyNanos).isEqualTo(6_000);
        assertThat(first.runTimeHistogram).isEqualTo("0:2,4:3");
        assertThat(second.isEmpty()).isTrue();
        assertThat(pool.workerStarted(new Thread(() -> { }, "io-2"))).isNotNull();
        assertThat(pool.name()).isEqualTo("io");
    }

    @Test
    void submitEventsAreSampledToAboutThePeriodsBudgetWhateverThePoolsRate() {
        assertThat(PoolState.submitSampleRateFor(0)).isEqualTo(1);
        assertThat(PoolState.submitSampleRateFor(20)).isEqualTo(1); // a quiet pool: every submission's site
        assertThat(PoolState.submitSampleRateFor(64)).isEqualTo(2);
        assertThat(PoolState.submitSampleRateFor(65)).isEqualTo(2);
        assertThat(PoolState.submitSampleRateFor(12_500_000)).isEqualTo(1 << 19); // ~24 events a period
        assertThat(PoolState.submitSampleRateFor(Long.MAX_VALUE)).isEqualTo(PoolState.MAX_SUBMIT_SAMPLE_RATE);

        PoolState pool = new PoolState(4, new Object(), PoolState.KIND_OTHER, "", "", null, false);
        assertThat(pool.submitSampleRate()).isEqualTo(PoolState.INITIAL_SUBMIT_SAMPLE_RATE);
        pool.submitted.add(10);
        pool.drain();
        assertThat(pool.submitSampleRate()).isEqualTo(1);
        for (int i = 0; i < 2 * PoolState.SUBMIT_EVENTS_PER_PERIOD; i++) { // a burst: the rate doubles at once
            pool.submitEventWritten();
        }
        assertThat(pool.submitSampleRate()).isEqualTo(2);
    }
}
