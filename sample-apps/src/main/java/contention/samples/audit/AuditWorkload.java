// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.audit;

import contention.samples.common.SampleArgs;
import contention.samples.common.WorkerThreads;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/** {@code clerk-N} threads check payments and audit each one for a fixed time; prints one summary line. */
final class AuditWorkload {

    static final String[] ACTIONS = {"pay", "refund", "hold", "release", "fee"};

    void run(String name, Audit audit, SampleArgs args) throws InterruptedException {
        LongAdder appended = new LongAdder();
        LongAdder checksum = new LongAdder();
        long started = System.nanoTime();
        double steady = WorkerThreads.run("clerk", args.threads, args.duration, appended::sum, thread -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String actor = "acct-" + random.nextInt(1_000);
            long amountCents = random.nextLong(1, 5_000_000);
            long check = amountCents;
            for (int i = 0; i < 64; i++) { // the payment itself, checked outside the log
                check = check * 31 + (check >>> 7) + i;
            }
            checksum.add(check & 0xff);
            audit.append(actor, ACTIONS[random.nextInt(ACTIONS.length)], amountCents);
            appended.increment();
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        // Referred to from tests: one line, key=value; every append is in the log, whatever the locking.
        System.out.printf(Locale.ROOT,
                "%s entries=%d threads=%d seconds=%.2f throughput=%.0f/s steady=%.0f/s complete=%b checksum=%d%n",
                name, appended.sum(), args.threads, seconds, appended.sum() / seconds, steady,
                audit.entries() == appended.sum(), checksum.sum());
    }
}
