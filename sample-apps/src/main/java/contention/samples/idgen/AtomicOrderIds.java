// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.idgen;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** The fixed twin of {@link OrderIds}: the counter is an {@link AtomicLong}, and formatting needs no lock. */
final class AtomicOrderIds {

    private static final AtomicLong LAST = new AtomicLong();

    static String next(String region) {
        long id = LAST.incrementAndGet();
        return String.format(Locale.ROOT, "%s-%012d-%08x", region, id, Long.hashCode(id * 0x9E3779B97F4A7C15L));
    }

    private AtomicOrderIds() {}
}
