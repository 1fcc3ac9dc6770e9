// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.recording;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A cycle of threads each waiting for a lock the next holds, found by {@link DeadlockWatch}: an event per cycle
 * when it is first seen, and again each second while it lasts. The per-thread fields hold one line per thread of the cycle, in cycle order (thread i waits
 * for a lock held by thread i + 1, the last by the first). The analyzer's deadlock detector reads it; the field
 * names are its contract.
 */
@Name(DeadlockEvent.NAME)
@Label("Deadlock")
@Category({"Contention", "Locks"})
@Description("Threads that wait for each other's locks and will never run again")
@StackTrace(false)
final class DeadlockEvent extends jdk.jfr.Event {

    static final String NAME = "contention.Deadlock";

    @Label("Threads")
    @Description("The threads of the cycle, one name a line")
    String threads;

    @Label("Locks")
    @Description("For each thread, the lock it waits for: class@identity-hash, one a line")
    String locks;

    @Label("Sites")
    @Description("For each thread, where it waits: its first frame outside java.util.concurrent.locks, one a line")
    String sites;

    @Label("Stacks")
    @Description("For each thread, the top of its stack, frames separated by ' <- ', one thread a line")
    String stacks;

    @Label("Held")
    @Description("For each thread, the locks it holds: class@identity-hash, separated by ', ', one thread a line")
    String held;
}
