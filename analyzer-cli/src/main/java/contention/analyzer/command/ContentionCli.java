// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code contention} command line: a picocli root command whose subcommands do the work; errors are
 * one lower-case line prefixed with the command, usage is printed for syntax errors only.
 */
@Command(
        name = "contention",
        mixinStandardHelpOptions = true,
        versionProvider = ContentionCli.Version.class,
        description = "Finds the locks and executors that make a JVM program wait, from a JFR recording.",
        // One line per subcommand; add new ones (check, diff, record, top, ...) here.
        subcommands = {
            ReportCommand.class,
            DiffCommand.class,
            RecordCommand.class,
            TopCommand.class,
            CheckCommand.class,
            ListCommand.class,
            DumpCommand.class,
        },
        footer = {
            "",
            "Examples:",
            "  java -javaagent:agent/target/contention.jar=file=app.jfr -jar app.jar",
            "  bin/contention report app.jfr",
            "  bin/contention report app.jfr --format json -o report.json",
            "  bin/contention record --pid 12345 -d 30s -o app.jfr",
            "  bin/contention record -o app.jfr -- java -jar app.jar",
            "  bin/contention top --pid 12345",
            "  bin/contention check app.jfr --max-global-locks 0",
            "  bin/contention list",
            "  bin/contention dump --pid 12345",
            "  bin/contention demo [--fixed]",
            "",
            // Footer lines stay under 80 columns: picocli wraps longer ones mid-sentence.
            "The demo is run by the launcher script: it runs a sample app with the agent",
            "and prints its report; --fixed runs the sample's fixed twin instead.",
        })
public final class ContentionCli implements Runnable {

    /** The command did what was asked. */
    public static final int EXIT_OK = 0;

    /** The input data was bad (missing, empty or not a recording) or the output could not be written. */
    public static final int EXIT_FAILED = 1;

    /** The command line itself was wrong; usage was printed. */
    public static final int EXIT_WRONG_ARGUMENTS = 2;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command, expected one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the command line in this JVM, writing the report to {@code out} and messages to {@code err};
     * never throws and never exits.
     *
     * @return one of {@link #EXIT_OK}, {@link #EXIT_FAILED}, {@link #EXIT_WRONG_ARGUMENTS}
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        PrintWriter outWriter = new PrintWriter(out, true);
        PrintWriter errWriter = new PrintWriter(err, true);
        CommandLine commandLine = new CommandLine(new ContentionCli())
                .setOut(outWriter)
                .setErr(errWriter)
                .setParameterExceptionHandler(ContentionCli::wrongArguments)
                .setExecutionExceptionHandler((failure, failed, parseResult) -> failed(failure, failed));
        try {
            return commandLine.execute(args);
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }

    private static int wrongArguments(ParameterException failure, String[] args) {
        CommandLine failed = failure.getCommandLine();
        PrintWriter err = failed.getErr();
        err.println(failed.getCommandSpec().qualifiedName() + ": " + sentence(failure.getMessage()));
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(failure, err)) {
            failed.usage(err);
        }
        return EXIT_WRONG_ARGUMENTS;
    }

    private static int failed(Exception failure, CommandLine failed) {
        PrintWriter err = failed.getErr();
        String prefix = failed.getCommandSpec().qualifiedName() + ": ";
        if (failure instanceof UserDataException) {
            err.println(prefix + failure.getMessage());
        } else if (failure instanceof IOException) {
            err.println(prefix + "i/o error: " + sentence(failure.getMessage()));
        } else {
            // A bug, not bad input: still one line; -Dcontention.debug=true shows where.
            err.println(prefix + "internal error: " + failure);
            if (Boolean.getBoolean("contention.debug")) {
                failure.printStackTrace(err);
            }
        }
        return EXIT_FAILED;
    }

    /** A message as a lower-case sentence start, as every line this command prints begins. */
    static String sentence(String message) {
        if (message == null || message.isEmpty()) {
            return "unknown error";
        }
        return message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
    }

    /** The version written into the jar at build time. */
    static final class Version implements CommandLine.IVersionProvider {

        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = ContentionCli.class.getResourceAsStream("/contention/analyzer/version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"contention " + properties.getProperty("version", "unknown")};
        }
    }
}
