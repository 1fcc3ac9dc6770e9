// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.report;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Builds each report in a task on the pool, which submits its sections to the same pool and blocks on their
 * futures. When every worker runs a report task, the sections queue behind them with no worker left to run them:
 * each report waits out {@link #SECTION_TIMEOUT_MILLIS}, cancels its sections and computes them itself.
 */
final class BlockingReportService implements ReportService {

    /** How long a report waits for all its sections before it gives up on the pool. */
    static final long SECTION_TIMEOUT_MILLIS = 100;

    private final ExecutorService pool;
    private final LongAdder timedOut = new LongAdder();

    BlockingReportService(ExecutorService pool) {
        this.pool = pool;
    }

    @Override
    public Future<Long> build(int customer) {
        return pool.submit(() -> {
            List<Future<Long>> sections = new ArrayList<>();
            for (int section = 0; section < Sections.NAMES.length; section++) {
                int s = section;
                sections.add(pool.submit(() -> Sections.compute(customer, s)));
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SECTION_TIMEOUT_MILLIS);
            long total = 0;
            boolean late = false;
            for (int section = 0; section < sections.size(); section++) {
                total += await(sections.get(section), deadline, customer, section);
                late |= System.nanoTime() - deadline >= 0;
            }
            if (late) {
                timedOut.increment();
            }
            return total;
        });
    }

    /** The section's value from the pool if it arrives before {@code deadline}, else computed here. */
    private static long await(Future<Long> section, long deadline, int customer, int index)
            throws InterruptedException, ExecutionException {
        try {
            return section.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            if (!section.cancel(false)) {
                return section.get(); // it finished just now
            }
            return Sections.compute(customer, index);
        }
    }

    @Override
    public long timedOut() {
        return timedOut.sum();
    }

    @Override
    public void shutdown() throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("report threads did not stop");
        }
    }
}
