// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.ledger;

/** Balances that threads move money between; the two ledgers of this sample differ only in how they lock. */
interface Accounts {
    /** Moves {@code amount} unless {@code from} would go negative; true if it moved. */
    boolean transfer(int from, int to, long amount);

    long total();
}
