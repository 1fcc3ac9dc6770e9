// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BinWaitsTest {

    @Test
    void oneHotBinHasNearlyAllTheWaitManyBinsEachLittle() {
        BinWaits hot = new BinWaits();
        for (int i = 0; i < 100; i++) {
            hot.add(0x7000, 1_000_000);
        }
        hot.add(0x7100, 3_000_000);
        assertThat(hot.largestBinShare()).hasValueCloseTo(100.0 / 103, within(1e-9));

        BinWaits spread = new BinWaits();
        for (int i = 0; i < 1_000; i++) {
            spread.add(0x7000 + 32L * (i % 500), 1_000_000);
        }
        assertThat(spread.largestBinShare()).hasValueCloseTo(0.002, within(1e-9));
        assertThat(new BinWaits().largestBinShare()).isEmpty();
    }

    @Test
    void binsBeyondTheBoundCountAsOtherBinsAndOnlyLowerTheShare() {
        BinWaits waits = new BinWaits();
        for (int i = 0; i < BinWaits.MAX_BINS + 1_000; i++) {
            waits.add(i, 1);
        }
        waits.add(BinWaits.MAX_BINS + 5, 10_000); // a bin not told apart: its wait counts in the total only
        assertThat(waits.largestBinShare().getAsDouble()).isLessThan(0.001);
    }
}
