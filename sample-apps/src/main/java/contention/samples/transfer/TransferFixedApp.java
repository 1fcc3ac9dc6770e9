// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.transfer;

import contention.samples.common.SampleArgs;
import java.time.Duration;

/**
 * Fixed twin of {@link TransferApp}: both threads lock the account with the lower id first, so no cycle
 * of waiting threads can form and the transfers run for the whole duration.
 * Run: {@code java -cp sample-apps/target/sample-apps.jar contention.samples.transfer.TransferFixedApp 5s [monitor|lock]}.
 */
public final class TransferFixedApp {

    public static void main(String[] args) throws InterruptedException {
        SampleArgs parsed = SampleArgs.parse(args.length > 0 ? new String[] {args[0]} : args, TransferFixedApp.class,
                Duration.ofSeconds(5), 2);
        Transfers.Kind kind = args.length > 1 ? Transfers.Kind.parse(args[1], TransferFixedApp.class) : Transfers.Kind.MONITOR;
        new Transfers(Transfers.Order.BY_ID, kind).run("transfers", parsed.duration.toMillis());
    }

    private TransferFixedApp() {}
}
