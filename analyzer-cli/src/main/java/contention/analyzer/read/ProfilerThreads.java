// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.read;

import java.util.Set;

/**
 * Tells the profiler's own threads from the program's: JDK Flight Recorder's and the contention agent's
 * threads wait and run because they record, so the report leaves them out.
 */
public final class ProfilerThreads {

    // JFR names its threads "JFR Recorder Thread", "JFR Periodic Tasks", "JFR Shutdown Hook", "JFR Recording
    // Scheduler", ... (jdk.jfr.internal); the agent names its threads "contention-...".
    private static final Set<String> JFR_THREADS = Set.of("JFR Recorder Thread", "JFR Periodic Tasks", "JFR Shutdown Hook");
    private static final String JFR_PREFIX = "JFR ";
    private static final String AGENT_PREFIX = "contention-";

    /** Whether the thread named {@code name} is JFR's or the agent's; {@code false} for {@code null}. */
    public static boolean isProfilerThread(String name) {
        return name != null
                && (JFR_THREADS.contains(name) || name.startsWith(JFR_PREFIX) || name.startsWith(AGENT_PREFIX));
    }

    private ProfilerThreads() {}
}
