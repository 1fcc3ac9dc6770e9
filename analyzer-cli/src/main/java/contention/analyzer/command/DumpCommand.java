// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.command;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import contention.analyzer.live.LiveException;
import contention.analyzer.live.TargetJvm;
import contention.analyzer.live.ThreadDump;
import contention.analyzer.render.ThreadDumpText;
import java.io.PrintWriter;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code contention dump --pid N}: every thread of a running JVM with its locks, and any deadlock spelled out. */
@Command(
        name = "dump",
        mixinStandardHelpOptions = true,
        versionProvider = ContentionCli.Version.class,
        description = {
            "Prints every thread of a running JVM: its state, the lock it waits for and who holds it, the locks it"
                    + " holds and the top of its stack; a deadlock comes first, thread by thread.",
            "Exit status: 0 no deadlock, " + DumpCommand.EXIT_DEADLOCK + " a deadlock exists, 1 the JVM could not"
                    + " be reached, 2 wrong arguments.",
        },
        footer = {
            "",
            "Examples:",
            "  bin/contention list",
            "  bin/contention dump --pid 12345",
            "  bin/contention dump --pid 12345 --format json | jq '.deadlocks'",
            "  bin/contention dump --jmx db-host:9010",
        })
public final class DumpCommand implements Callable<Integer> {

    /** The exit status when the dump found a deadlock: distinct from the failures', for scripts and probes. */
    public static final int EXIT_DEADLOCK = 3;

    @Spec
    private CommandSpec spec;

    @picocli.CommandLine.Mixin
    private TargetOptions target;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "text (the default) or json.")
    private String format = "text";

    @Override
    public Integer call() throws Exception {
        if (!format.equals("text") && !format.equals("json")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "unknown format '" + format + "' (use text or json)");
        }
        ThreadDump dump;
        String title;
        try (TargetJvm jvm = target.open(spec)) {
            String command = jvm.systemProperties().getProperty("sun.java.command", "?");
            title = jvm.name() + " (" + command + ")";
            ThreadMXBean threads = jvm.threads();
            dump = ThreadDump.of(threads.dumpAllThreads(true, true), threads.findDeadlockedThreads());
        } catch (LiveException e) {
            throw new UserDataException(e.getMessage());
        } catch (java.lang.reflect.UndeclaredThrowableException | SecurityException e) {
            throw new UserDataException(target.describe() + " stopped answering while its threads were read: "
                    + (e.getCause() == null ? e : e.getCause()));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            out.println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                    .writeValueAsString(dump));
        } else {
            ThreadDumpText.write(dump, title, out);
        }
        out.flush();
        return dump.deadlocked() ? EXIT_DEADLOCK : ContentionCli.EXIT_OK;
    }
}
