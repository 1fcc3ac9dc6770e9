// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A sampled hold is corrected by one clock read's latency, which it would otherwise include. */
class ClockCostTest {

    @AfterEach
    void reset() {
        HoldSamples.setClockCostNanos(0);
    }

    @Test
    void aClockReadCostsSomeNanosecondsNotMicroseconds() {
        long cost = ClockCost.calibrate();
        assertThat(cost).isPositive().isLessThan(5_000);
    }

    @Test
    void sampledHoldsLeaveTheClockReadOutAndNeverGoNegative() {
        HoldSamples.setClockCostNanos(30);
        LockState state = new LockState(1, "x.Lock", false, null);
        Object lock = new Object();
        HoldSamples holds = HoldSamples.current();

        holds.begin(lock, state, 1_000);
        holds.end(lock, 1_100); // measured 100 ns: 70 held, 30 the clock
        assertThat(state.drain().sampledHoldNanos).isEqualTo(70);

        holds.begin(lock, state, 2_000);
        holds.end(lock, 2_010); // shorter than the clock read: counted as 0, not -20
        assertThat(state.drain().sampledHoldNanos).isZero();
    }
}
