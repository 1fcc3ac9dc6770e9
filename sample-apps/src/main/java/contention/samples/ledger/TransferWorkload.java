// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.ledger;

import contention.samples.common.SampleArgs;
import contention.samples.common.WorkerThreads;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/** Runs random transfers from {@code teller-N} threads for a fixed time and prints one summary line. */
final class TransferWorkload {

    static final int ACCOUNTS = 10_000;
    static final long OPENING = 1_000;

    void run(String name, Accounts accounts, SampleArgs args) throws InterruptedException {
        LongAdder transfers = new LongAdder();
        long started = System.nanoTime();
        double steady = WorkerThreads.run("teller", args.threads, args.duration, transfers::sum, thread -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            accounts.transfer(random.nextInt(ACCOUNTS), random.nextInt(ACCOUNTS), random.nextInt(1, 50));
            transfers.increment();
            for (int i = 0; i < 50; i++) { // work outside the lock: parsing, routing
                Thread.onSpinWait();
            }
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        long total = accounts.total();
        // Referred to from tests: one line, key=value; money is conserved whatever the locking.
        System.out.printf(Locale.ROOT, "%s transfers=%d threads=%d seconds=%.2f throughput=%.0f/s steady=%.0f/s conserved=%b%n",
                name, transfers.sum(), args.threads, seconds, transfers.sum() / seconds, steady, total == ACCOUNTS * OPENING);
    }
}
