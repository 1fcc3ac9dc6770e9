// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.recording;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Never written: its periodic hook, every {@link #PERIOD}, is when the agent asks the JVM for deadlocked threads
 * ({@link DeadlockWatch}). Its setting in a recording tells the analyzer that deadlocks were checked.
 */
@Name(DeadlockCheckEvent.NAME)
@Label("Deadlock Check")
@Category({"Contention", "Locks"})
@Description("Timer of the contention agent's deadlock check; never written")
@StackTrace(false)
final class DeadlockCheckEvent extends jdk.jfr.Event {

    static final String NAME = "contention.DeadlockCheck";

    static final String PERIOD = "1 s";
}
