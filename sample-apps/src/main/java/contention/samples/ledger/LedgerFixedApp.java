// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.ledger;

import contention.samples.common.SampleArgs;
import java.time.Duration;

/**
 * Fixed twin of {@link LedgerApp}: the same transfers through a ledger with striped, unfair locks.
 * Run: {@code java -cp sample-apps/target/sample-apps.jar contention.samples.ledger.LedgerFixedApp 5s 8}.
 */
public final class LedgerFixedApp {

    public static void main(String[] args) throws InterruptedException {
        SampleArgs parsed = SampleArgs.parse(args, LedgerFixedApp.class, Duration.ofSeconds(5), 8);
        new TransferWorkload().run("ledger-fixed",
                new StripedLedger(TransferWorkload.ACCOUNTS, TransferWorkload.OPENING), parsed);
    }

    private LedgerFixedApp() {}
}
