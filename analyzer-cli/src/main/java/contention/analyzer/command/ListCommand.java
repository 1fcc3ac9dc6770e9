// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.command;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import contention.analyzer.live.LiveException;
import contention.analyzer.live.TargetJvm;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code contention list}: the JVMs of this user on this host, and which of them run the agent. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        versionProvider = ContentionCli.Version.class,
        description = {
            "Lists the running JVMs this user can attach to: pid, main class and arguments, and whether the"
                    + " contention agent is loaded (and where it records).",
        },
        footer = {"", "Examples:", "  bin/contention list", "  bin/contention dump --pid 12345"})
public final class ListCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        long self = ProcessHandle.current().pid();
        List<VirtualMachineDescriptor> jvms = new ArrayList<>(VirtualMachine.list());
        jvms.removeIf(d -> d.id().equals(Long.toString(self)));
        jvms.sort(Comparator.comparingLong(d -> parsePid(d.id())));
        if (jvms.isEmpty()) {
            out.println("No JVMs of this user are running (other users' JVMs are not listed).");
            return ContentionCli.EXIT_OK;
        }
        out.printf("%-8s %-13s %s%n", "PID", "AGENT", "MAIN CLASS AND ARGUMENTS");
        for (VirtualMachineDescriptor jvm : jvms) {
            out.printf("%-8s %-13s %s%n", jvm.id(), agent(parsePid(jvm.id())),
                    jvm.displayName().isBlank() ? "(unknown)" : jvm.displayName());
        }
        return ContentionCli.EXIT_OK;
    }

    // "yes", "no", or "?" when the JVM would not answer.
    private static String agent(long pid) {
        try (TargetJvm jvm = TargetJvm.attach(pid)) {
            String agent = jvm.systemProperties().getProperty(TargetJvm.AGENT_PROPERTY);
            return agent == null ? "no" : "yes";
        } catch (LiveException | RuntimeException e) {
            return "?";
        }
    }

    private static long parsePid(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
