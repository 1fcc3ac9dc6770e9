// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.testing;

import java.util.List;
import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * Test-only events with the names and fields of the agent's lock events and of some JDK events, so a test
 * can write exactly the events it needs into a real recording and read them back.
 */
public final class SyntheticEvents {

    /** Every synthetic event name, to enable in a recording. */
    public static final List<String> NAMES = List.of(
            "contention.AgentInfo", "contention.LockStats", "contention.LockWait", "jdk.JavaMonitorEnter",
            "jdk.ThreadPark");

    /** The agent's {@code contention.AgentInfo}: its version and options. */
    @Name("contention.AgentInfo")
    @StackTrace(false)
    public static final class AgentInfo extends Event {
        public String agentVersion;
        public String options;
    }

    /** The agent's {@code contention.LockStats}: one lock's statistics for one period. */
    @Name("contention.LockStats")
    @StackTrace(false)
    public static final class LockStats extends Event {
        public long lockId;
        public String lockClass;
        public String allocationSite;
        @Timespan(Timespan.NANOSECONDS)
        public long periodNanos;
        public long acquisitions;
        public long contendedAcquisitions;
        @Timespan(Timespan.NANOSECONDS)
        public long waitNanos;
        @Timespan(Timespan.NANOSECONDS)
        public long holdNanos;
        public int holdSampleRate;
        public int waitingThreads;
    }

    /** The agent's {@code contention.LockWait}: one timed wait, standing for {@code weight} waits. */
    @Name("contention.LockWait")
    @StackTrace(true)
    public static final class LockWait extends Event {
        public long lockId;
        public String lockClass;
        @Timespan(Timespan.NANOSECONDS)
        public long waitNanos;
        public String mode;
        public int weight;
        public boolean acquired;
    }

    /** A {@code jdk.JavaMonitorEnter} whose monitor class the test chooses (JFR's own, say). */
    @Name("jdk.JavaMonitorEnter")
    @StackTrace(true)
    public static final class MonitorEnter extends Event {
        public Class<?> monitorClass;
    }

    /** A {@code jdk.ThreadPark} whose blocker class the test chooses ({@code ReentrantLock$NonfairSync}, say). */
    @Name("jdk.ThreadPark")
    @StackTrace(true)
    public static final class ThreadPark extends Event {
        public Class<?> parkedClass;
    }

    /** Every synthetic executor event name, to enable in a recording. */
    public static final List<String> EXECUTOR_NAMES = List.of(
            "contention.ExecutorStats", "contention.TaskSubmit", "contention.PoolBlocked");

    /** The agent's {@code contention.ExecutorStats}: one pool's statistics for one period. */
    @Name("contention.ExecutorStats")
    @StackTrace(false)
    public static final class ExecutorStats extends Event {
        public long poolId;
        public String poolName;
        public String poolClass;
        public String creationSite;
        public int corePoolSize;
        public int maximumPoolSize;
        @Timespan(Timespan.NANOSECONDS)
        public long periodNanos;
        public long submitted;
        public long completed;
        public long rejected;
        public int queueDepth;
        public int maxQueueDepth;
        public int poolSize;
        public int activeThreads;
        @Timespan(Timespan.NANOSECONDS)
        public long busyNanos;
        public int queueWaitSampleRate;
        public String queueWaitHistogram;
        public String runTimeHistogram;
    }

    /** The agent's {@code contention.TaskSubmit}: one sampled submit, standing for {@code weight} submits. */
    @Name("contention.TaskSubmit")
    @StackTrace(true)
    public static final class TaskSubmit extends Event {
        public long poolId;
        public String poolName;
        public int weight;
    }

    /**
     * The agent's {@code contention.PoolBlocked}, without its {@code waitNanos} field (the reader then takes the
     * event's duration) and with a field the reader does not know: the contract says to tolerate both.
     */
    @Name("contention.PoolBlocked")
    @StackTrace(true)
    public static final class PoolBlocked extends Event {
        public long poolId;
        public String poolName;
        public long awaitedPoolId;
        public String method;
        public String futureClass;
    }

    private SyntheticEvents() {}
}
