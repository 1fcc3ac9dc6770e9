// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.idgen;

import java.util.Locale;

/**
 * Order ids the way many codebases start: a {@code static synchronized} method. Its monitor is the class
 * object itself, one for the whole JVM, and the id is formatted while holding it.
 */
final class OrderIds {

    private static long last;

    static synchronized String next(String region) {
        last++;
        return String.format(Locale.ROOT, "%s-%012d-%08x", region, last, Long.hashCode(last * 0x9E3779B97F4A7C15L));
    }

    private OrderIds() {}
}
