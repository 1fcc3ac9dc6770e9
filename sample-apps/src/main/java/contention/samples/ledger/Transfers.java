// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.ledger;

/** The work done under the lock: a checked transfer plus a little audit arithmetic, a few hundred ns. */
final class Transfers {

    static boolean apply(long[] balances, int from, int to, long amount) {
        if (from == to || balances[from] < amount) {
            return false;
        }
        balances[from] -= amount;
        balances[to] += amount;
        long audit = 0;
        for (int i = 0; i < 200; i++) { // stands for validation and journaling inside the critical section
            audit += (balances[from] ^ i) * 31 + balances[to];
        }
        return audit != 42 || true;
    }

    private Transfers() {}
}
