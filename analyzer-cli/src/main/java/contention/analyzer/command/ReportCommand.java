// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.command;

import contention.analyzer.aggregate.Profile;
import contention.analyzer.detect.Analysis;
import contention.analyzer.detect.Detectors;
import contention.analyzer.read.RecordingReader;
import contention.analyzer.read.UnreadableRecordingException;
import contention.analyzer.render.Format;
import contention.analyzer.render.Renderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code contention report FILE.jfr}: reads a recording, runs the detectors, prints the report. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        versionProvider = ContentionCli.Version.class,
        description = {
            "Reports the contended locks and executors in a JFR recording.",
            "Findings come first, then locks by wait time with their call sites, then executors, then threads by"
                    + " time blocked and waiting.",
        },
        footer = {
            "",
            "Examples:",
            "  bin/contention report app.jfr",
            "  bin/contention report app.jfr --format json -o report.json",
            "  bin/contention report app.jfr --format html -o report.html",
            "  bin/contention report app.jfr --format collapsed -o app.collapsed",
            "  flamegraph.pl --countname=us app.collapsed > flame.svg",
        })
public final class ReportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.jfr", description = "The JFR recording to read.")
    private String recording;

    @Option(
            names = {"-f", "--format"},
            paramLabel = "FORMAT",
            converter = FormatConverter.class,
            description = "text (for people, the default), json (the report contract), collapsed"
                    + " (waiting stacks for flame graphs) or html (one page, opens offline).")
    private Format format = Format.TEXT;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "OUT",
            description = "Write the report to OUT instead of standard output; OUT appears only when complete.")
    private String output;

    @Option(
            names = "--progress",
            negatable = true,
            description = "Show how many events have been read on standard error while reading; on by default"
                    + " when run from a terminal.")
    private Boolean progress;

    @Override
    public Integer call() throws UserDataException, IOException {
        Path recordingPath = path(recording);
        Path outputPath = output == null ? null : path(output);
        if (outputPath != null && Files.exists(outputPath) && Files.exists(recordingPath)
                && Files.isSameFile(outputPath, recordingPath)) {
            throw new UserDataException("refusing to overwrite the recording '" + recording + "' with its report");
        }
        Profile profile;
        try {
            Progress line = Progress.line(progress, spec);
            try {
                profile = RecordingReader.read(recordingPath, recording, line);
            } finally {
                line.done();
            }
        } catch (UnreadableRecordingException e) {
            throw new UserDataException(e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        for (String warning : profile.recording().warnings()) {
            err.println(spec.qualifiedName() + ": warning: " + warning);
        }
        Analysis analysis = Detectors.analyze(profile);
        Renderer renderer = format.renderer();
        if (outputPath == null) {
            PrintWriter out = spec.commandLine().getOut();
            renderer.render(analysis, out);
            out.flush();
        } else {
            AtomicOutput.write(outputPath, output, writer -> renderer.render(analysis, writer));
        }
        return ContentionCli.EXIT_OK;
    }

    private static Path path(String name) throws UserDataException {
        try {
            return Path.of(name);
        } catch (InvalidPathException e) {
            throw new UserDataException("not a valid file name '" + name + "'");
        }
    }

    /** Converts {@code --format} values case-insensitively, with the valid names in the error message. */
    static final class FormatConverter implements CommandLine.ITypeConverter<Format> {

        @Override
        public Format convert(String value) {
            try {
                return Format.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
