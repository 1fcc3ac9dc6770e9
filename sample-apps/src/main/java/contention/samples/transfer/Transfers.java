// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.transfer;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Two {@code transfer-N} threads move money between two accounts in opposite directions for a fixed time, each
 * taking both accounts' locks; prints one summary line. Whether they can deadlock depends on the lock order.
 */
final class Transfers {

    /** How a transfer takes the two accounts' locks. */
    enum Order {
        /** Source first, then destination: two opposite transfers can each hold one and wait for the other. */
        SOURCE_FIRST,
        /** Lower account id first, whatever the direction: no cycle is possible. */
        BY_ID
    }

    /** Which lock guards an account. */
    enum Kind {
        MONITOR,
        LOCK;

        /** Parses {@code monitor} or {@code lock}; anything else prints usage and exits with status 2. */
        static Kind parse(String text, Class<?> main) {
            try {
                return valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                System.err.println(main.getSimpleName() + ": bad lock kind '" + text + "' (use monitor or lock)");
                System.exit(2);
                throw e; // not reached
            }
        }
    }

    private final Order order;
    private final Kind kind;
    private final AtomicLong transfers = new AtomicLong();

    Transfers(Order order, Kind kind) {
        this.order = order;
        this.kind = kind;
    }

    void run(String name, long durationMillis) throws InterruptedException {
        Account checking = new Account(1, 1_000_000);
        Account savings = new Account(2, 1_000_000);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(durationMillis);
        // Daemon threads: a deadlocked pair must not keep the JVM alive after the summary line.
        Thread first = worker("transfer-1", checking, savings, deadline);
        Thread second = worker("transfer-2", savings, checking, deadline);
        first.start();
        second.start();
        first.join(durationMillis + 1_000);
        second.join(Math.max(1, deadline - System.nanoTime()) / 1_000_000 + 1_000);
        boolean deadlocked = first.isAlive() && second.isAlive();
        // Referred to from tests: one line, key=value.
        System.out.printf(Locale.ROOT, "%s transfers=%d deadlocked=%b total=%d%n", name, transfers.get(), deadlocked,
                deadlocked ? -1 : checking.balance + savings.balance);
        System.exit(0);
    }

    private Thread worker(String threadName, Account from, Account to, long deadline) {
        Thread thread = new Thread(() -> {
            while (System.nanoTime() < deadline) {
                transfer(from, to, 1);
            }
        }, threadName);
        thread.setDaemon(true);
        return thread;
    }

    private void transfer(Account from, Account to, long amount) {
        Account firstLocked = order == Order.SOURCE_FIRST || from.id < to.id ? from : to;
        Account secondLocked = firstLocked == from ? to : from;
        if (kind == Kind.MONITOR) {
            synchronized (firstLocked) {
                audit(firstLocked);
                synchronized (secondLocked) {
                    move(from, to, amount);
                }
            }
        } else {
            firstLocked.lock.lock();
            try {
                audit(firstLocked);
                secondLocked.lock.lock();
                try {
                    move(from, to, amount);
                } finally {
                    secondLocked.lock.unlock();
                }
            } finally {
                firstLocked.lock.unlock();
            }
        }
    }

    /** Work done holding one lock: it widens the window in which the other thread takes the second. */
    private static void audit(Account account) {
        long spin = account.balance;
        for (int i = 0; i < 200; i++) {
            spin = spin * 31 + i;
        }
        if (spin == 42) {
            System.out.print("");
        }
    }

    private void move(Account from, Account to, long amount) {
        from.balance -= amount;
        to.balance += amount;
        transfers.incrementAndGet();
    }
}
