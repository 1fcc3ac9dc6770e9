// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.report;

import contention.samples.common.NamedThreadFactory;
import contention.samples.common.SampleArgs;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * Fixed twin of {@link NestedReportApp}: the same pool of four {@code report-N} threads, but a report is composed
 * from its sections with {@code CompletableFuture.thenCombine} instead of a task that blocks on their futures, so
 * no worker waits for another task and no report times out.
 * Run: {@code java -cp sample-apps/target/sample-apps.jar contention.samples.report.NestedReportFixedApp 5s 6}.
 */
public final class NestedReportFixedApp {

    public static void main(String[] args) throws InterruptedException {
        SampleArgs parsed = SampleArgs.parse(args, NestedReportFixedApp.class, Duration.ofSeconds(5), 6);
        new ReportWorkload().run("nested-report-fixed", new ComposedReportService(
                Executors.newFixedThreadPool(NestedReportApp.WORKERS, new NamedThreadFactory("report"))),
                NestedReportApp.WORKERS, parsed);
    }

    private NestedReportFixedApp() {}
}
