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
 * Marks where the agent wrote its statistics' last, partial period before a chunk closed. Its hook runs at the end
 * of every chunk, which includes the recording being stopped and written at exit: JFR runs it before the chunk is
 * closed, so the partial period is in the file, as a shutdown hook of the agent's own (which races JFR's) cannot
 * make sure of.
 */
@Name(StatsFlushEvent.NAME)
@Label("Contention Statistics Flush")
@Category({"Contention", "Agent"})
@Description("The contention agent wrote its lock and executor statistics up to here because a chunk ended")
@Period("endChunk")
@StackTrace(false)
public final class StatsFlushEvent extends jdk.jfr.Event {

    public static final String NAME = "contention.StatsFlush";
}
