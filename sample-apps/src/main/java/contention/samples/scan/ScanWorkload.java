// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.scan;

import contention.samples.common.SampleArgs;
import contention.samples.common.WorkerThreads;
import java.util.Locale;

/**
 * {@code log-scanner-N} threads each scan their own part of a (fake) log, one record after another, and keep their
 * running totals in their slots of the shared {@link ScanTotals}; prints one summary line.
 */
final class ScanWorkload {

    void run(String name, ScanTotals totals, SampleArgs args) throws InterruptedException {
        long started = System.nanoTime();
        double steady = WorkerThreads.run("log-scanner", args.threads, args.duration, totals::records,
                totals::scanRecord);
        double seconds = (System.nanoTime() - started) / 1e9;
        long operations = totals.records();
        // Referred to from tests and docs/false-sharing-samples.md: one line, key=value; operations are records.
        System.out.printf(Locale.ROOT, "%s operations=%d threads=%d seconds=%.2f throughput=%.0f/s steady=%.0f/s"
                + " bytes=%d slotStride=%d%n", name, operations, args.threads, seconds, operations / seconds, steady,
                totals.bytes(), totals.slot(1) - totals.slot(0));
    }
}
