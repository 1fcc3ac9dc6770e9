// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.ledger;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Account balances behind one fair {@link ReentrantLock}: every transfer, whichever accounts it touches, queues
 * on the same lock, and fairness hands it over in arrival order, so no thread can barge in while it is free.
 */
final class Ledger implements Accounts {

    private final long[] balances;
    private final ReentrantLock lock = new ReentrantLock(true);

    Ledger(int accounts, long opening) {
        balances = new long[accounts];
        java.util.Arrays.fill(balances, opening);
    }

    @Override
    public boolean transfer(int from, int to, long amount) {
        lock.lock();
        try {
            return Transfers.apply(balances, from, to, amount);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long total() {
        lock.lock();
        try {
            return java.util.Arrays.stream(balances).sum();
        } finally {
            lock.unlock();
        }
    }
}
