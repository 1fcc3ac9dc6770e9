// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.bootstrap.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * What one lock instance did since the previous period: acquisitions, waits, wait time and hold time, aggregated in
 * the agent. The figures cover every contended acquisition; acquisitions and hold time are estimated from a
 * 1-in-{@code holdSampleRate} sample of all acquisitions.
 */
@Name(LockStatsEvent.NAME)
@Label("Lock Statistics")
@Category({"Contention", "Locks"})
@Description("Per-lock acquisitions, waits and hold time over one period, from the contention agent")
@StackTrace(false)
public final class LockStatsEvent extends jdk.jfr.Event {

    public static final String NAME = "contention.LockStats";

    @Label("Lock Id")
    @Description("Stable within the recording; 0 for the bucket of locks beyond the agent's limit")
    public long lockId;

    @Label("Lock Class")
    public String lockClass;

    @Label("Fair")
    @Description("The lock hands itself over in arrival order")
    public boolean fair;

    @Label("Allocation Site")
    @Description("Frames where the lock was created, innermost first, separated by newlines; empty if unknown")
    public String allocationSite;

    @Label("Field")
    @Description("The field the lock was stored in when created, e.g. com.acme.Ledger.lock or com.acme.Striped.locks[];"
            + " empty if none or unknown")
    public String field;

    @Label("Period")
    @Timespan(Timespan.NANOSECONDS)
    public long periodNanos;

    @Label("Acquisitions")
    @Description("Estimated from the hold sample")
    public long acquisitions;

    @Label("Contended Acquisitions")
    @Description("Acquisitions that found the lock taken and waited, spinning or parked")
    public long contendedAcquisitions;

    @Label("Wait Time")
    @Timespan(Timespan.NANOSECONDS)
    public long waitNanos;

    @Label("Hold Time")
    @Description("Estimated from the hold sample")
    @Timespan(Timespan.NANOSECONDS)
    public long holdNanos;

    @Label("Hold Sample Rate")
    @Description("One acquisition in this many is timed from acquisition to release")
    public int holdSampleRate;

    @Label("Monitor")
    @Description("The lock is an object's monitor (synchronized): the agent samples its holds; its waits are in"
            + " jdk.JavaMonitorEnter, and contendedAcquisitions and waitNanos are 0 here")
    public boolean monitor;

    @Label("Waiting Threads")
    @Description("Distinct threads that waited for the lock in this period")
    public int waitingThreads;
}
