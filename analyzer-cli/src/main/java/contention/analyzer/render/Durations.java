// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.render;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Turns nanoseconds into what reports print: milliseconds for JSON, and for text either measured durations
 * to three significant digits ({@link #human}) or configured ones exactly ({@link #exact}).
 */
public final class Durations {

    private static final long NANOS_PER_MICRO = 1_000L;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** Milliseconds with microsecond precision, as the report contract prints times. */
    public static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }

    /**
     * Three significant digits and a unit: {@code 2.31 s}, {@code 840 ms}, {@code 12.4 ms}, {@code 3.10 ms},
     * {@code 15 us}, {@code 800 ns}, {@code 0 ms}; a minute and more as {@code 2 min 5 s}.
     */
    public static String human(long nanos) {
        if (nanos < 0) {
            return "-" + human(-nanos);
        }
        if (nanos == 0) {
            return "0 ms";
        }
        if (nanos >= 60 * NANOS_PER_SECOND) {
            long seconds = Math.round((double) nanos / NANOS_PER_SECOND);
            return String.format(Locale.ROOT, "%d min %d s", seconds / 60, seconds % 60);
        }
        if (nanos >= 999_500L * NANOS_PER_MICRO) {
            return String.format(Locale.ROOT, "%.2f s", (double) nanos / NANOS_PER_SECOND);
        }
        if (nanos >= 99_950L * NANOS_PER_MICRO) {
            return String.format(Locale.ROOT, "%.0f ms", (double) nanos / NANOS_PER_MILLI);
        }
        if (nanos >= 9_995L * NANOS_PER_MICRO) {
            return String.format(Locale.ROOT, "%.1f ms", (double) nanos / NANOS_PER_MILLI);
        }
        if (nanos >= 999_500L) {
            return String.format(Locale.ROOT, "%.2f ms", (double) nanos / NANOS_PER_MILLI);
        }
        if (nanos >= NANOS_PER_MICRO) {
            return String.format(Locale.ROOT, "%.0f us", (double) nanos / NANOS_PER_MICRO);
        }
        return nanos + " ns";
    }

    /**
     * A configured duration (a threshold, a period) exactly, in the largest unit it reaches, whole values
     * without decimals as JFR writes settings: {@code 20 ms}, {@code 1 ms}, {@code 10 s}, {@code 1.5 ms},
     * {@code 500 us}, {@code 0 ms}. Measured durations use {@link #human}, whose decimals show its precision.
     */
    public static String exact(long nanos) {
        if (nanos < 0) {
            return "-" + exact(-nanos);
        }
        if (nanos == 0) {
            return "0 ms";
        }
        long unitNanos;
        String unit;
        if (nanos >= NANOS_PER_SECOND) {
            unitNanos = NANOS_PER_SECOND;
            unit = "s";
        } else if (nanos >= NANOS_PER_MILLI) {
            unitNanos = NANOS_PER_MILLI;
            unit = "ms";
        } else if (nanos >= NANOS_PER_MICRO) {
            unitNanos = NANOS_PER_MICRO;
            unit = "us";
        } else {
            return nanos + " ns";
        }
        BigDecimal value = BigDecimal.valueOf(nanos).divide(BigDecimal.valueOf(unitNanos)).stripTrailingZeros();
        return value.toPlainString() + " " + unit;
    }

    private Durations() {}
}
