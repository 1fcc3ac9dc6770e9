// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.scan;

import contention.samples.common.SampleArgs;
import java.time.Duration;

/**
 * Problem: each {@code log-scanner-N} thread keeps its running totals in its own element of two shared
 * {@code long[]}s ({@link ScanTotals#bytesScanned}, {@link ScanTotals#recordsScanned}), and the elements are
 * adjacent: the scanners' totals share a cache line, which they take from each other on every record (false sharing).
 * Run: {@code java -cp sample-apps/target/sample-apps.jar contention.samples.scan.LogScanApp 5s 2}.
 */
public final class LogScanApp {

    public static void main(String[] args) throws InterruptedException {
        SampleArgs parsed = SampleArgs.parse(args, LogScanApp.class, Duration.ofSeconds(5), 2);
        new ScanWorkload().run("log-scan", new ScanTotals(parsed.threads, ScanTotals.ADJACENT_SLOT_STRIDE), parsed);
    }

    private LogScanApp() {}
}
