// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.recording;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One global-lock warning the agent gave while the app ran (a lock that serialized its threads for periods in a
 * row, {@link GlobalLockWatch}): committed with each warning, also when printing them is off, and rate-limited the
 * same way.
 */
@Name(GlobalLockWarningEvent.NAME)
@Label("Global Lock Warning")
@Category({"Contention", "Locks"})
@Description("The contention agent warned that one lock serializes the app's threads")
@StackTrace(false)
public final class GlobalLockWarningEvent extends jdk.jfr.Event {

    /** The name the analyzer reads; stable across versions. */
    public static final String NAME = "contention.GlobalLockWarning";

    @Label("Lock Id")
    @Description("The lockId of the lock's contention.LockStats events")
    public long lockId;

    @Label("Lock Class")
    @Description("com.acme.Ids.class for the monitor of static synchronized methods")
    public String lockClass;

    @Label("Field")
    @Description("The field the lock was stored in when created, e.g. com.acme.Ledger.lock; empty if none or unknown")
    public String field;

    @Label("Allocation Site")
    @Description("Frames where the lock was created, innermost first, separated by newlines; empty if unknown")
    public String allocationSite;

    @Label("Threads")
    @Description("Distinct threads that waited for the lock or were seen acquiring it in the period that warned")
    public int threads;

    @Label("Utilization")
    @Description("Estimated hold time over the period that warned; can exceed 1 by sampling error")
    public double utilization;

    @Label("Serial Fraction")
    @Description("Share of the non-waiting time of the lock's threads spent holding it in the period that warned"
            + " (an estimate, can exceed 1); -1 for a monitor, whose waits the agent does not see")
    public double serialFraction;

    @Label("Message")
    @Description("The line the agent printed (or would have, with global-lock-warning=off)")
    public String message;

    /** Records {@code warning}. */
    static void commit(GlobalLockWatch.Warning warning) {
        GlobalLockWarningEvent event = new GlobalLockWarningEvent();
        event.lockId = warning.lockId;
        event.lockClass = warning.lockClass;
        event.field = warning.field;
        event.allocationSite = warning.allocationSite;
        event.threads = warning.threads;
        event.utilization = warning.utilization;
        event.serialFraction = warning.serialFraction;
        event.message = warning.message;
        event.commit();
    }
}
