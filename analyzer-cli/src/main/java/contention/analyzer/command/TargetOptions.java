// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.command;

import contention.analyzer.live.LiveException;
import contention.analyzer.live.TargetJvm;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The options that name a running JVM, shared by the live commands: {@code --pid} or {@code --jmx}. */
public final class TargetOptions {

    @Option(names = "--pid", paramLabel = "PID", description = "A JVM of this user on this host, by process id.")
    Long pid;

    @Option(names = "--jmx", paramLabel = "HOST:PORT", description = "A JVM's remote JMX agent, for hosts where"
            + " attaching is not possible (started with -Dcom.sun.management.jmxremote.port=PORT).")
    String jmx;

    /** Whether either option was given. */
    boolean given() {
        return pid != null || jmx != null;
    }

    /** {@code pid 123} or {@code host:port}. */
    String describe() {
        return pid != null ? "pid " + pid : jmx;
    }

    /** Attaches or connects; a usage error unless exactly one of the options was given. */
    TargetJvm open(CommandSpec spec) throws LiveException {
        if ((pid == null) == (jmx == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give one of --pid PID or --jmx HOST:PORT");
        }
        return pid != null ? TargetJvm.attach(pid) : TargetJvm.connect(jmx);
    }
}
