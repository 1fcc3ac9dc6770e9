// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.transfer;

import java.util.concurrent.locks.ReentrantLock;

/** A bank account: its monitor guards {@code balance}, and so does {@code lock} for the {@code lock} kind. */
final class Account {

    final int id;
    final ReentrantLock lock = new ReentrantLock();
    long balance;

    Account(int id, long balance) {
        this.id = id;
        this.balance = balance;
    }
}
