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
 * What one executor did since the previous period: tasks submitted, completed and rejected, its queue, its threads,
 * and histograms of queue wait and run time (docs/executor-events.md).
 */
@Name(ExecutorStatsEvent.NAME)
@Label("Executor Statistics")
@Category({"Contention", "Executors"})
@Description("Per-pool submissions, queue and run times over one period, from the contention agent")
@StackTrace(false)
public final class ExecutorStatsEvent extends jdk.jfr.Event {

    public static final String NAME = "contention.ExecutorStats";

    @Label("Pool Id")
    @Description("Stable within the recording; 0 for the pools beyond the agent's limit")
    public long poolId;

    @Label("Pool Name")
    @Description("The common name of its worker threads, else ClassSimpleName@creation-site-frame")
    public String poolName;

    @Label("Pool Class")
    public String poolClass;

    @Label("Creation Site")
    @Description("Frames where the pool was constructed, innermost first, separated by newlines; empty if unknown")
    public String creationSite;

    @Label("Core Pool Size")
    @Description("ThreadPoolExecutor core size, ForkJoinPool parallelism; -1 unknown or unbounded")
    public int corePoolSize;

    @Label("Maximum Pool Size")
    @Description("ThreadPoolExecutor maximum size, ForkJoinPool parallelism; -1 unknown or unbounded")
    public int maximumPoolSize;

    @Label("Period")
    @Timespan(Timespan.NANOSECONDS)
    public long periodNanos;

    @Label("Submitted")
    @Description("Tasks accepted in the period")
    public long submitted;

    @Label("Completed")
    @Description("Tasks that finished running in the period, normally or by exception")
    public long completed;

    @Label("Rejected")
    @Description("Tasks the pool refused in the period: RejectedExecutionException, or a handler that did not run them")
    public long rejected;

    @Label("Caller Runs")
    @Description("Tasks a full pool handed back to CallerRunsPolicy, which ran them on the submitting thread")
    public long callerRuns;

    @Label("Queue Depth")
    @Description("Tasks waiting in the queue at the end of the period")
    public int queueDepth;

    @Label("Max Queue Depth")
    @Description("Largest queue depth seen at a submission during the period")
    public int maxQueueDepth;

    @Label("Pool Size")
    @Description("Worker threads alive at the end of the period")
    public int poolSize;

    @Label("Active Threads")
    @Description("Threads running a task at the end of the period")
    public int activeThreads;

    @Label("Busy Time")
    @Description("Sum of the run times of the tasks that finished in the period")
    @Timespan(Timespan.NANOSECONDS)
    public long busyNanos;

    @Label("Queue Wait Sample Rate")
    @Description("One task in this many has its queue wait timed")
    public int queueWaitSampleRate;

    @Label("Queue Wait Histogram")
    @Description("index:count pairs of sampled queue waits, not scaled by the rate")
    public String queueWaitHistogram;

    @Label("Run Time Histogram")
    @Description("index:count pairs of the run times of every task that finished in the period")
    public String runTimeHistogram;
}
