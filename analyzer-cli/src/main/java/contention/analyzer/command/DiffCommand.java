// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.command;

import contention.analyzer.aggregate.Profile;
import contention.analyzer.detect.Analysis;
import contention.analyzer.detect.Detectors;
import contention.analyzer.diff.ReportDiff;
import contention.analyzer.read.RecordingReader;
import contention.analyzer.read.UnreadableRecordingException;
import contention.analyzer.render.DiffHtmlRenderer;
import contention.analyzer.render.DiffJsonRenderer;
import contention.analyzer.render.DiffTextRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code contention diff BEFORE.jfr AFTER.jfr}: what changed between two recordings of one program. */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        versionProvider = ContentionCli.Version.class,
        description = {
            "Compares two recordings of one program: findings gone and new, then per lock, waiting site and pool",
            "the change in wait time, utilization and queue wait.",
        },
        footer = {
            "",
            "Examples:",
            "  bin/contention diff before.jfr after.jfr",
            "  bin/contention diff before.jfr after.jfr --format html -o diff.html",
            "  bin/contention diff main.jfr branch.jfr --fail-on-regression 10",
        })
public final class DiffCommand implements Callable<Integer> {

    /** Exit code when {@code --fail-on-regression} finds one: distinct from a failure to read. */
    public static final int EXIT_REGRESSION = 3;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BEFORE.jfr", description = "The recording to compare against.")
    private String before;

    @Parameters(index = "1", paramLabel = "AFTER.jfr", description = "The recording of the changed program.")
    private String after;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "text (the default), json or html.")
    private String format = "text";

    @Option(names = {"-o", "--output"}, paramLabel = "OUT",
            description = "Write the diff to OUT instead of standard output; OUT appears only when complete.")
    private String output;

    @Option(names = "--fail-on-regression", paramLabel = "PCT",
            description = "Exit " + EXIT_REGRESSION + " when AFTER has a new finding, or its total lock wait or a"
                    + " pool's queue wait p99 grew by more than PCT percent.")
    private Double failOnRegression;

    @Option(names = "--progress", negatable = true,
            description = "Show how many events have been read on standard error; on by default from a terminal.")
    private Boolean progress;

    @Override
    public Integer call() throws UserDataException, IOException {
        String wanted = format.strip().toLowerCase(Locale.ROOT);
        if (!List.of("text", "json", "html").contains(wanted)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "invalid value for option '--format': unknown format '" + format + "', expected one of text,"
                            + " json, html");
        }
        if (failOnRegression != null && (failOnRegression < 0 || failOnRegression.isNaN())) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "invalid value for option '--fail-on-regression': " + failOnRegression + " is not a percentage >= 0");
        }
        Analysis beforeAnalysis = analyze(before);
        Analysis afterAnalysis = analyze(after);
        ReportDiff diff = ReportDiff.between(beforeAnalysis, afterAnalysis);
        AtomicOutput.Content render = writer -> {
            switch (wanted) {
                case "json" -> new DiffJsonRenderer().render(diff, failOnRegression, writer);
                case "html" -> new DiffHtmlRenderer().render(diff, failOnRegression, writer);
                default -> new DiffTextRenderer().render(diff, writer);
            }
        };
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            render.writeTo(out);
            out.flush();
        } else {
            AtomicOutput.write(path(output), output, render);
        }
        if (failOnRegression != null) {
            List<String> regressions = diff.regressions(failOnRegression);
            if (!regressions.isEmpty()) {
                PrintWriter err = spec.commandLine().getErr();
                for (String regression : regressions) {
                    err.println(spec.qualifiedName() + ": regression: " + regression);
                }
                err.flush();
                return EXIT_REGRESSION;
            }
        }
        return ContentionCli.EXIT_OK;
    }

    private Analysis analyze(String name) throws UserDataException {
        try {
            Progress line = Progress.line(progress, spec);
            Profile profile;
            try {
                profile = RecordingReader.read(path(name), name, line);
            } finally {
                line.done();
            }
            PrintWriter err = spec.commandLine().getErr();
            for (String warning : profile.recording().warnings()) {
                err.println(spec.qualifiedName() + ": warning: " + name + ": " + warning);
            }
            return Detectors.analyze(profile);
        } catch (UnreadableRecordingException e) {
            throw new UserDataException(e.getMessage());
        }
    }

    private static Path path(String name) throws UserDataException {
        try {
            return Path.of(name);
        } catch (InvalidPathException e) {
            throw new UserDataException("not a valid file name '" + name + "'");
        }
    }
}
