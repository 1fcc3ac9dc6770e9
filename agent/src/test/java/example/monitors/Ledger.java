// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package example.monitors;

import java.util.HashMap;
import java.util.Map;

/**
 * App-like code for the agent's rewrite tests (outside the agent's packages, which it never rewrites): a block on
 * a field, a block on {@code this} that throws, and a method without any.
 */
public final class Ledger {
    private final Object lock = new Object();
    private final Map<String, Long> balances = new HashMap<>();

    public long add(String account, long amount) {
        synchronized (lock) {
            return balances.merge(account, amount, Long::sum);
        }
    }

    public int failInside() {
        synchronized (this) {
            throw new IllegalStateException("inside");
        }
    }

    public int plain(int x) {
        return x + 1;
    }
}
