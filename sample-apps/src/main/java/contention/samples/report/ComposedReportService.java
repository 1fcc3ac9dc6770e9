// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.report;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Builds each report by composing its sections with {@link CompletableFuture} on the same pool: the sections run
 * as tasks and the total is added up when the last one completes, so no worker ever blocks waiting for another
 * task and the pool cannot starve itself.
 */
final class ComposedReportService implements ReportService {

    private final ExecutorService pool;

    ComposedReportService(ExecutorService pool) {
        this.pool = pool;
    }

    @Override
    public Future<Long> build(int customer) {
        CompletableFuture<Long> total = CompletableFuture.completedFuture(0L);
        for (int section = 0; section < Sections.NAMES.length; section++) {
            int s = section;
            CompletableFuture<Long> part = CompletableFuture.supplyAsync(() -> Sections.compute(customer, s), pool);
            total = total.thenCombine(part, Long::sum);
        }
        return total;
    }

    @Override
    public long timedOut() {
        return 0; // nothing waits, so nothing times out
    }

    @Override
    public void shutdown() throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("report threads did not stop");
        }
    }
}
