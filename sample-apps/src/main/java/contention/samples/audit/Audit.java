// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.audit;

/** Where every payment is written down; the two logs of this sample differ only in how they share their buffer. */
interface Audit {
    /** Records one line: who did what, for how much. */
    void append(String actor, String action, long amountCents);

    /** How many lines were appended, counted from the log's own per-action totals. */
    long entries();
}
