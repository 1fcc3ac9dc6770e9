// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.render;

import contention.analyzer.live.ThreadDump;
import java.io.PrintWriter;

/** A live thread dump for people: any deadlock spelled out first, then each thread as {@code jstack} shows it. */
public final class ThreadDumpText {

    /** Writes {@code dump} of the JVM {@code target} (pid and main class). */
    public static void write(ThreadDump dump, String target, PrintWriter out) {
        out.printf("Threads of %s: %d%n", target, dump.threads().size());
        if (dump.deadlocked()) {
            for (ThreadDump.Cycle cycle : dump.deadlocks()) {
                out.println();
                out.printf("DEADLOCK: %d threads wait for each other and will never run again:%n",
                        cycle.links().size());
                for (ThreadDump.Link link : cycle.links()) {
                    out.printf("  \"%s\" waits for %s at %s, held by \"%s\"%n", link.thread(), link.waitsFor(),
                            link.site(), link.heldBy());
                }
                out.println("  Fix: take the locks in one global order (e.g. by id), or use tryLock with a timeout"
                        + " and back off; a single lock for both is simplest.");
            }
        } else {
            out.println("No deadlock.");
        }
        for (ThreadDump.ThreadEntry thread : dump.threads()) {
            out.println();
            out.printf("\"%s\" #%d %s%s%n", thread.name(), thread.id(), thread.state(),
                    thread.daemon() ? " daemon" : "");
            if (thread.waitingFor() != null) {
                out.printf("    waiting for %s%s%n", thread.waitingFor(),
                        thread.owner() == null ? "" : ", held by \"" + thread.owner() + "\" #" + thread.ownerId());
            }
            for (String held : thread.holds()) {
                out.printf("    holds %s%n", held);
            }
            for (String frame : thread.frames()) {
                out.printf("    at %s%n", frame);
            }
        }
    }

    private ThreadDumpText() {}
}
