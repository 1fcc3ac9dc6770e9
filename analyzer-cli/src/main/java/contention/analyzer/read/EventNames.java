// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.read;

/** Every event type name the analyzer reads, written once (as JMC's {@code JdkTypeIDs}). */
public final class EventNames {

    /** A thread waited to enter a contended monitor ({@code synchronized}). */
    public static final String JAVA_MONITOR_ENTER = "jdk.JavaMonitorEnter";

    /** A thread waited in {@code Object.wait}. */
    public static final String JAVA_MONITOR_WAIT = "jdk.JavaMonitorWait";

    /** A thread parked ({@code LockSupport.park}); a lock wait when the blocker is a lock's synchronizer. */
    public static final String THREAD_PARK = "jdk.ThreadPark";

    /** A thread slept ({@code Thread.sleep}): waiting, not contention. */
    public static final String THREAD_SLEEP = "jdk.ThreadSleep";

    /** A thread read from a socket (blocking I/O); enabled with a threshold, often 20 ms. */
    public static final String SOCKET_READ = "jdk.SocketRead";

    /** A thread wrote to a socket (blocking I/O). */
    public static final String SOCKET_WRITE = "jdk.SocketWrite";

    /** A thread read from a file (blocking I/O). */
    public static final String FILE_READ = "jdk.FileRead";

    /** A thread wrote to a file (blocking I/O). */
    public static final String FILE_WRITE = "jdk.FileWrite";

    /** A thread started. */
    public static final String THREAD_START = "jdk.ThreadStart";

    /** A thread ended. */
    public static final String THREAD_END = "jdk.ThreadEnd";

    /** Periodic per-thread CPU load (user, system) as a share of all CPUs. */
    public static final String THREAD_CPU_LOAD = "jdk.ThreadCPULoad";

    /** Periodic JVM and machine CPU load. */
    public static final String CPU_LOAD = "jdk.CPULoad";

    /** A sampled Java stack of a running thread. */
    public static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";

    /** A virtual thread parked while pinned to its carrier (JDK 21 and later). */
    public static final String VIRTUAL_THREAD_PINNED = "jdk.VirtualThreadPinned";

    /** JVM name, version and arguments. */
    public static final String JVM_INFORMATION = "jdk.JVMInformation";

    /** CPU description, including the number of hardware threads. */
    public static final String CPU_INFORMATION = "jdk.CPUInformation";

    /** One setting (enabled, threshold, ...) of one event type, as the recording ran with it. */
    public static final String ACTIVE_SETTING = "jdk.ActiveSetting";

    /** Written once by the contention agent: its version and options. */
    public static final String AGENT_INFO = "contention.AgentInfo";

    /**
     * Written by the agent about once a second per lock instance it instruments that was used in that period:
     * acquisitions, contended acquisitions, wait and (sampled) hold time; no stack.
     */
    public static final String LOCK_STATS = "contention.LockStats";

    /**
     * One wait for a lock the agent instruments, timed by the agent, with the waiting stack: every wait at or
     * above the agent's threshold, and a weighted sample of the shorter ones.
     */
    public static final String LOCK_WAIT = "contention.LockWait";

    /**
     * Written by the agent once a second per pool that was active in that period: tasks submitted, completed
     * and rejected, pool and queue sizes, busy time, and queue-wait and run-time histograms; no stack
     * ({@code docs/executor-events.md}).
     */
    public static final String EXECUTOR_STATS = "contention.ExecutorStats";

    /** A sampled submit of a task to a pool, with the submitting stack, standing for {@code weight} submits. */
    public static final String TASK_SUBMIT = "contention.TaskSubmit";

    /**
     * A pool's worker blocked waiting for another task's result ({@code Future.get}, {@code join}), at least the
     * agent's threshold long, with the waiting stack.
     */
    public static final String POOL_BLOCKED = "contention.PoolBlocked";
    public static final String CACHE_LINE_STATS = "contention.CacheLineStats";

    /** The agent's deadlock cycles, one event per cycle when first seen. */
    public static final String DEADLOCK = "contention.Deadlock";

    /** The agent's deadlock check, never written: its setting says deadlocks were checked. */
    public static final String DEADLOCK_CHECK = "contention.DeadlockCheck";

    private EventNames() {}
}
