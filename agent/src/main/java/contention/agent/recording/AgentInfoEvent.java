// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.recording;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * Says that a recording was made by the contention agent, which version, and with which options; written at
 * the start of every chunk so the analyzer finds it in any part of a long recording.
 */
@Name(AgentInfoEvent.NAME)
@Label("Contention Agent")
@Category({"Contention", "Agent"})
@Description("Version and options of the contention agent that made this recording")
@Period("beginChunk")
@StackTrace(false)
public final class AgentInfoEvent extends jdk.jfr.Event {

    /** The name the analyzer reads; stable across versions. */
    public static final String NAME = "contention.AgentInfo";

    @Label("Agent Version")
    public String agentVersion;

    @Label("Options")
    @Description("The -javaagent options as given")
    public String options;

    @Label("Monitor Threshold")
    @Description("Threshold of jdk.JavaMonitorEnter in this recording")
    @jdk.jfr.Timespan(jdk.jfr.Timespan.NANOSECONDS)
    public long monitorThresholdNanos;

    @Label("Park Threshold")
    @Description("Threshold of jdk.ThreadPark, jdk.JavaMonitorWait, jdk.ThreadSleep and jdk.VirtualThreadPinned in this recording")
    @jdk.jfr.Timespan(jdk.jfr.Timespan.NANOSECONDS)
    public long parkThresholdNanos;
}
