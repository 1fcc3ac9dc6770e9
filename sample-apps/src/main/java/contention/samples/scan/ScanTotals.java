// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.scan;

/**
 * Per-scanner totals of a log scan, in two shared {@code long[]}s: scanner {@code s} adds to slot
 * {@code (s + 1) * slotStride} of {@link #bytesScanned} and {@link #recordsScanned}, and no other thread writes
 * that slot. With a stride of 1 the scanners' slots are 8 bytes apart, in one cache line, which the scanners take
 * from each other on every record (false sharing); with a stride of {@link #PADDED_SLOT_STRIDE} each slot has 128
 * bytes to itself. Slot 0 is left unused so that no slot shares a line with the array's header (its length is read
 * by every bounds check). Assumptions and guarantees: plain writes; the totals are exact once the scanners have
 * been joined, and only approximate while they run.
 */
final class ScanTotals {

    /** Adjacent slots: the problem. */
    static final int ADJACENT_SLOT_STRIDE = 1;

    /** 16 longs = 128 bytes: two cache lines, since the adjacent-line prefetcher pulls lines in pairs. */
    static final int PADDED_SLOT_STRIDE = 16;

    final long[] bytesScanned;
    final long[] recordsScanned;
    private final int scanners;
    private final int slotStride;

    ScanTotals(int scanners, int slotStride) {
        this.scanners = scanners;
        this.slotStride = slotStride;
        int length = (scanners + 1) * slotStride + PADDED_SLOT_STRIDE; // room after the last slot
        this.bytesScanned = new long[length];
        this.recordsScanned = new long[length];
    }

    /**
     * Scans the next record of scanner {@code scanner}'s part of the log and adds it to that scanner's totals. The
     * fake record's length (40 to 103 bytes) is drawn from the bytes scanned so far, so the step needs no other state.
     */
    void scanRecord(int scanner) {
        int slot = slot(scanner);
        long bytes = bytesScanned[slot];
        bytesScanned[slot] = bytes + 40 + (bytes & 63);
        recordsScanned[slot]++;
    }

    int slot(int scanner) {
        return (scanner + 1) * slotStride;
    }

    long records() {
        long total = 0;
        for (int scanner = 0; scanner < scanners; scanner++) {
            total += recordsScanned[slot(scanner)];
        }
        return total;
    }

    long bytes() {
        long total = 0;
        for (int scanner = 0; scanner < scanners; scanner++) {
            total += bytesScanned[slot(scanner)];
        }
        return total;
    }
}
