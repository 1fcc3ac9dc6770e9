// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.idgen;

import contention.samples.common.SampleArgs;
import java.time.Duration;

/**
 * Problem: every order thread takes its id from a {@code static synchronized} generator.
 * Run: {@code java -cp sample-apps/target/sample-apps.jar contention.samples.idgen.OrderIdApp 5s 8}.
 */
public final class OrderIdApp {

    public static void main(String[] args) throws InterruptedException {
        SampleArgs parsed = SampleArgs.parse(args, OrderIdApp.class, Duration.ofSeconds(5), 8);
        new OrderWorkload().run("order-ids", OrderIds::next, parsed);
    }

    private OrderIdApp() {}
}
