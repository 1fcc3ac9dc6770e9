// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.scan;

import static contention.samples.layout.FieldLayout.CACHE_LINE_BYTES;
import static contention.samples.layout.FieldLayout.PADDED_BYTES;
import static contention.samples.layout.FieldLayout.elementOffset;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The premise of the LogScan pair: neighbouring scanners' totals share a line, or are 128 bytes apart. */
class ScanTotalsLayoutTest {

    @Test
    void adjacentTotalsShareOneCacheLine() {
        ScanTotals totals = new ScanTotals(4, ScanTotals.ADJACENT_SLOT_STRIDE);
        for (int scanner = 1; scanner < 4; scanner++) {
            assertThat(bytesApart(totals, scanner - 1, scanner)).as("scanner %d", scanner)
                    .isLessThan(CACHE_LINE_BYTES);
        }
    }

    @Test
    void paddedTotalsAre128BytesApart() {
        ScanTotals totals = new ScanTotals(4, ScanTotals.PADDED_SLOT_STRIDE);
        for (int scanner = 1; scanner < 4; scanner++) {
            assertThat(bytesApart(totals, scanner - 1, scanner)).as("scanner %d", scanner)
                    .isGreaterThanOrEqualTo(PADDED_BYTES);
        }
        assertThat(elementOffset(long[].class, totals.slot(0))).as("first slot from the array header")
                .isGreaterThanOrEqualTo(PADDED_BYTES);
        assertThat(totals.bytesScanned.length - totals.slot(3)).as("slots after the last scanner's")
                .isGreaterThanOrEqualTo(ScanTotals.PADDED_SLOT_STRIDE);
    }

    @Test
    void eachRecordAddsToItsScannersTotals() {
        ScanTotals totals = new ScanTotals(2, ScanTotals.PADDED_SLOT_STRIDE);
        totals.scanRecord(1);
        totals.scanRecord(1);
        assertThat(totals.records()).isEqualTo(2);
        assertThat(totals.bytesScanned[totals.slot(1)]).isBetween(80L, 206L);
        assertThat(totals.bytesScanned[totals.slot(0)]).isZero();
    }

    private static long bytesApart(ScanTotals totals, int scanner, int other) {
        return elementOffset(long[].class, totals.slot(other)) - elementOffset(long[].class, totals.slot(scanner));
    }
}
