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
 * A pool's worker blocked waiting for another task's result ({@code Future.get}, {@code join}): the evidence for
 * executor starvation. The event spans the wait; {@link #waitNanos} leaves out the time a join spent running other
 * tasks instead of blocking.
 */
@Name(PoolBlockedEvent.NAME)
@Label("Pool Worker Blocked")
@Category({"Contention", "Executors"})
@Description("A worker thread of a pool waited for the result of another task")
@StackTrace(true)
public final class PoolBlockedEvent extends jdk.jfr.Event {

    public static final String NAME = "contention.PoolBlocked";

    @Label("Pool Id")
    @Description("The pool whose worker blocked; matches contention.ExecutorStats")
    public long poolId;

    @Label("Pool Name")
    public String poolName;

    @Label("Awaited Pool Id")
    @Description("The pool of the awaited task, -1 if unknown")
    public long awaitedPoolId;

    @Label("Wait Time")
    @Description("Time blocked, without the time a join spent running other tasks")
    @Timespan(Timespan.NANOSECONDS)
    public long waitNanos;

    @Label("Method")
    @Description("The awaiting method, e.g. java.util.concurrent.FutureTask.get")
    public String method;
}
