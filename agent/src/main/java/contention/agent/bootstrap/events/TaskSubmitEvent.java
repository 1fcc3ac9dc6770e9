// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.bootstrap.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A sampled task submission, with the submitting thread's stack: where the pool's work comes from. */
@Name(TaskSubmitEvent.NAME)
@Label("Task Submit")
@Category({"Contention", "Executors"})
@Description("A sample of the submissions to an executor; each stands for weight submissions")
@StackTrace(true)
public final class TaskSubmitEvent extends jdk.jfr.Event {

    public static final String NAME = "contention.TaskSubmit";

    @Label("Pool Id")
    @Description("Matches contention.ExecutorStats")
    public long poolId;

    @Label("Pool Name")
    public String poolName;

    @Label("Weight")
    @Description("How many submissions the event stands for")
    public int weight;
}
