// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.report;

/**
 * The sections of a customer's monthly report, each a few milliseconds of arithmetic over the customer's orders;
 * the same customer always gets the same figures, so a report can be checked.
 */
final class Sections {

    static final String[] NAMES = {"orders", "returns", "payments"};
    static final int ORDERS_PER_CUSTOMER = 60_000;

    /** Section {@code section} of {@code customer}'s report: a total over the month's orders. */
    static long compute(int customer, int section) {
        long total = 0;
        long seed = customer * 0x9E3779B97F4A7C15L + section;
        for (int order = 0; order < ORDERS_PER_CUSTOMER; order++) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            long amountCents = (seed >>> 40) % 100_000;
            if ((seed >>> 20 & 3) == section % 3) {
                total += amountCents;
            }
        }
        return total;
    }

    /** What a complete report of {@code customer} sums to, computed without any pool. */
    static long expectedTotal(int customer) {
        long total = 0;
        for (int section = 0; section < NAMES.length; section++) {
            total += compute(customer, section);
        }
        return total;
    }

    private Sections() {}
}
