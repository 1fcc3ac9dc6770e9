// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Human durations with three significant digits, and milliseconds for JSON. */
class DurationsTest {

    @Test
    void human() {
        assertThat(Durations.human(0)).isEqualTo("0 ms");
        assertThat(Durations.human(270)).isEqualTo("270 ns");
        assertThat(Durations.human(15_400)).isEqualTo("15 us");
        assertThat(Durations.human(999_499)).isEqualTo("999 us");
        assertThat(Durations.human(999_500)).isEqualTo("1.00 ms");
        assertThat(Durations.human(3_100_000)).isEqualTo("3.10 ms");
        assertThat(Durations.human(12_400_000)).isEqualTo("12.4 ms");
        assertThat(Durations.human(840_000_000)).isEqualTo("840 ms");
        assertThat(Durations.human(999_499_999)).isEqualTo("999 ms");
        assertThat(Durations.human(999_500_000)).isEqualTo("1.00 s");
        assertThat(Durations.human(2_310_000_000L)).isEqualTo("2.31 s");
        assertThat(Durations.human(125_000_000_000L)).isEqualTo("2 min 5 s");
    }

    @Test
    void exactDurationsDropWholeDecimals() {
        assertThat(Durations.exact(0)).isEqualTo("0 ms");
        assertThat(Durations.exact(1_000_000)).isEqualTo("1 ms");
        assertThat(Durations.exact(20_000_000)).isEqualTo("20 ms");
        assertThat(Durations.exact(1_500_000)).isEqualTo("1.5 ms");
        assertThat(Durations.exact(500_000)).isEqualTo("500 us");
        assertThat(Durations.exact(10_000_000_000L)).isEqualTo("10 s");
        assertThat(Durations.exact(250)).isEqualTo("250 ns");
    }

    @Test
    void millis() {
        assertThat(Durations.millis(1_234_567)).isEqualTo(1.235);
        assertThat(Durations.millis(0)).isZero();
        assertThat(Durations.millis(2_000_000_000L)).isEqualTo(2000.0);
    }
}
