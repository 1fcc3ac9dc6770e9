// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.ledger;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The fixed twin of {@link Ledger}: one unfair lock per stripe of accounts, taken in stripe order (so two
 * transfers never deadlock), and transfers between unrelated accounts run in parallel.
 */
final class StripedLedger implements Accounts {

    static final int STRIPES = 64;

    private final long[] balances;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    StripedLedger(int accounts, long opening) {
        balances = new long[accounts];
        java.util.Arrays.fill(balances, opening);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    @Override
    public boolean transfer(int from, int to, long amount) {
        int a = from % STRIPES;
        int b = to % STRIPES;
        ReentrantLock first = stripes[Math.min(a, b)];
        ReentrantLock second = stripes[Math.max(a, b)]; // the same lock when a == b: it is reentrant
        first.lock();
        try {
            second.lock();
            try {
                return Transfers.apply(balances, from, to, amount);
            } finally {
                second.unlock();
            }
        } finally {
            first.unlock();
        }
    }

    @Override
    public long total() {
        for (ReentrantLock stripe : stripes) {
            stripe.lock();
        }
        try {
            return java.util.Arrays.stream(balances).sum();
        } finally {
            for (ReentrantLock stripe : stripes) {
                stripe.unlock();
            }
        }
    }
}
