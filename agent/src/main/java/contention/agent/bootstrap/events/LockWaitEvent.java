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
 * One wait for a lock the agent instruments, timed by the agent, with the waiting thread's stack. Every wait at or
 * above the event's threshold is recorded, and a sample of the shorter ones, each carrying the weight that scales
 * it back up, so per-site wait can be estimated without a stack for every short wait.
 */
@Name(LockWaitEvent.NAME)
@Label("Lock Wait")
@Category({"Contention", "Locks"})
@Description("A thread waited to acquire a lock; timed by the contention agent")
@StackTrace(true)
public final class LockWaitEvent extends jdk.jfr.Event {

    public static final String NAME = "contention.LockWait";

    @Label("Lock Id")
    @Description("Stable within the recording; matches contention.LockStats")
    public long lockId;

    @Label("Lock Class")
    public String lockClass;

    @Label("Wait Time")
    @Description("Timed by the agent around the acquisition; the event itself is written when the wait ends")
    @Timespan(Timespan.NANOSECONDS)
    public long waitNanos;

    @Label("Mode")
    @Description("exclusive, read, write, permit or await")
    public String mode;

    @Label("Weight")
    @Description("How many waits like this one the event stands for: 1 at or above the threshold, the sampling"
            + " rate below it")
    public int weight;

    @Label("Acquired")
    @Description("false when the wait ended without the lock: timed out or interrupted")
    public boolean acquired;
}
