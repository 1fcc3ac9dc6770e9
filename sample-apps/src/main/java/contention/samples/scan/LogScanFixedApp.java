// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.scan;

import contention.samples.common.SampleArgs;
import java.time.Duration;

/**
 * Fixed: the same records added to the same two {@code long[]}s, scanner {@code s} at index {@code (s + 1) * 16}, so
 * each scanner's totals have 128 bytes to themselves.
 * Run: {@code java -cp sample-apps/target/sample-apps.jar contention.samples.scan.LogScanFixedApp 5s 2}.
 */
public final class LogScanFixedApp {

    public static void main(String[] args) throws InterruptedException {
        SampleArgs parsed = SampleArgs.parse(args, LogScanFixedApp.class, Duration.ofSeconds(5), 2);
        new ScanWorkload().run("log-scan-fixed", new ScanTotals(parsed.threads, ScanTotals.PADDED_SLOT_STRIDE),
                parsed);
    }

    private LogScanFixedApp() {}
}
