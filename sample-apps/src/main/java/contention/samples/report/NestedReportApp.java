// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.report;

import contention.samples.common.NamedThreadFactory;
import contention.samples.common.SampleArgs;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * Problem: report tasks on a fixed pool of four {@code report-N} threads submit their sections to the same pool
 * and block on {@code Future.get}; with four reports running, every worker waits for sections that no worker is
 * left to run. Each report gives up after {@value BlockingReportService#SECTION_TIMEOUT_MILLIS} ms and computes
 * its sections itself, so the app still finishes, slowly, and counts the reports that timed out.
 * Run: {@code java -cp sample-apps/target/sample-apps.jar contention.samples.report.NestedReportApp 5s 6}.
 */
public final class NestedReportApp {

    static final int WORKERS = 4;

    public static void main(String[] args) throws InterruptedException {
        SampleArgs parsed = SampleArgs.parse(args, NestedReportApp.class, Duration.ofSeconds(5), 6);
        new ReportWorkload().run("nested-report",
                new BlockingReportService(Executors.newFixedThreadPool(WORKERS, new NamedThreadFactory("report"))),
                WORKERS, parsed);
    }

    private NestedReportApp() {}
}
