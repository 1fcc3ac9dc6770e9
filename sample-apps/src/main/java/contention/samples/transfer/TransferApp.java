// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.transfer;

import contention.samples.common.SampleArgs;
import java.time.Duration;

/**
 * Problem: two threads transfer money in opposite directions, each locking the source account first, and
 * deadlock within milliseconds; the JVM stays up, doing nothing, until the duration ends.
 * Run: {@code java -cp sample-apps/target/sample-apps.jar contention.samples.transfer.TransferApp 5s [monitor|lock]}.
 */
public final class TransferApp {

    public static void main(String[] args) throws InterruptedException {
        SampleArgs parsed = SampleArgs.parse(args.length > 0 ? new String[] {args[0]} : args, TransferApp.class,
                Duration.ofSeconds(5), 2);
        Transfers.Kind kind = args.length > 1 ? Transfers.Kind.parse(args[1], TransferApp.class) : Transfers.Kind.MONITOR;
        new Transfers(Transfers.Order.SOURCE_FIRST, kind).run("transfers", parsed.duration.toMillis());
    }

    private TransferApp() {}
}
