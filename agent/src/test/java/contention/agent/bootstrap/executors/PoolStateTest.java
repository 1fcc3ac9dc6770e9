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
        PoolState pool = new PoolState(1, new Object(), PoolState.KIND_OTHER, "", "", null, true, false);
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
}
