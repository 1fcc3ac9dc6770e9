// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.ledger;

import contention.samples.common.SampleArgs;
import java.time.Duration;

/**
 * Problem: tellers transfer money through a ledger guarded by one fair {@code ReentrantLock}.
 * Run: {@code java -cp sample-apps/target/sample-apps.jar contention.samples.ledger.LedgerApp 5s 8}.
 */
public final class LedgerApp {

    public static void main(String[] args) throws InterruptedException {
        SampleArgs parsed = SampleArgs.parse(args, LedgerApp.class, Duration.ofSeconds(5), 8);
        new TransferWorkload().run("ledger", new Ledger(TransferWorkload.ACCOUNTS, TransferWorkload.OPENING), parsed);
    }

    private LedgerApp() {}
}
