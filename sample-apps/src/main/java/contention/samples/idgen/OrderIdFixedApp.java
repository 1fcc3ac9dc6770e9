// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.idgen;

import contention.samples.common.SampleArgs;
import java.time.Duration;

/**
 * Fixed twin of {@link OrderIdApp}: the same orders, ids from an {@code AtomicLong}.
 * Run: {@code java -cp sample-apps/target/sample-apps.jar contention.samples.idgen.OrderIdFixedApp 5s 8}.
 */
public final class OrderIdFixedApp {

    public static void main(String[] args) throws InterruptedException {
        SampleArgs parsed = SampleArgs.parse(args, OrderIdFixedApp.class, Duration.ofSeconds(5), 8);
        new OrderWorkload().run("order-ids-fixed", AtomicOrderIds::next, parsed);
    }

    private OrderIdFixedApp() {}
}
