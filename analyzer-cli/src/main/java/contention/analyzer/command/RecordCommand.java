// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.command;

import contention.analyzer.aggregate.Profile;
import contention.analyzer.detect.Detectors;
import contention.analyzer.live.LiveException;
import contention.analyzer.live.TargetJvm;
import contention.analyzer.read.RecordingReader;
import contention.analyzer.read.UnreadableRecordingException;
import contention.analyzer.render.Format;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jdk.management.jfr.FlightRecorderMXBean;
import jdk.management.jfr.RecordingInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code contention record}: records a running JVM ({@code --pid}, loading the agent into it) or one it launches
 * ({@code -- java ...}, with the agent on its command line), writes the recording and prints its report. Ctrl-C (or
 * SIGTERM) ends the recording early and still writes a whole file.
 */
@Command(
        name = "record",
        mixinStandardHelpOptions = true,
        versionProvider = ContentionCli.Version.class,
        description = {
            "Records a JVM with the contention agent and prints the report: a running one (--pid, the agent is"
                    + " loaded into it for the duration) or one it starts (-- java ...). Ctrl-C ends the recording"
                    + " early; the file is still whole.",
        },
        footer = {
            "",
            "Examples:",
            "  bin/contention record --pid 12345 -d 30s -o app.jfr",
            "  bin/contention record -o app.jfr -- java -jar app.jar --port 8080",
            "  bin/contention record --jmx app-host:9010 -d 1m -o app.jfr",
        })
public final class RecordCommand implements Callable<Integer> {

    /** How long a stopped recording may take to be written before the command gives up on it. */
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(60);

    @Spec
    private CommandSpec spec;

    @picocli.CommandLine.Mixin
    private TargetOptions target;

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION", defaultValue = "30s",
            description = "With --pid or --jmx: how long to record, e.g. 30s, 2m or 500ms (default ${DEFAULT-VALUE}).")
    private String duration;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.jfr", required = true,
            description = "Where the recording goes.")
    private String output;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", converter = ReportCommand.FormatConverter.class,
            description = "The report printed at the end: text (the default), json or collapsed.")
    private Format format = Format.TEXT;

    @Option(names = "--no-report", description = "Write the recording only.")
    private boolean noReport;

    @Option(names = "--agent", paramLabel = "JAR", description = "The agent jar (default: the one beside this"
            + " command, agent/target/contention.jar).")
    private String agent;

    @Option(names = "--agent-options", paramLabel = "OPTS", description = "More agent options, e.g."
            + " false-sharing=on.")
    private String agentOptions;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "After --: the java command to launch.")
    private List<String> command = new ArrayList<>();

    private final CountDownLatch reported = new CountDownLatch(1);
    private volatile boolean stopEarly;

    @Override
    public Integer call() throws Exception {
        if (target.given() == !command.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give either --pid PID, --jmx HOST:PORT or -- java ... (the command to launch)");
        }
        Path file = Path.of(output).toAbsolutePath();
        Path agentJar = target.jmx != null ? null : agentJar();
        if (Files.isDirectory(file)) {
            throw new UserDataException("'" + output + "' is a directory");
        }
        Files.deleteIfExists(file); // a stale file of the same name must not pass for this recording
        String options = "file=" + file + (agentOptions == null || agentOptions.isBlank() ? "" : "," + agentOptions);
        PrintWriter err = spec.commandLine().getErr();
        Thread hook = new Thread(this::onSignal, "contention-record-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (target.given()) {
                recordRunning(parseDuration(duration), agentJar, options, file, err);
            } else {
                recordLaunched(agentJar, options, err);
            }
            if (!Files.isRegularFile(file)) {
                throw new UserDataException("no recording was written to " + output);
            }
            if (!noReport) {
                report(file, err);
            }
            return ContentionCli.EXIT_OK;
        } finally {
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waited for us
            }
        }
    }

    // Ctrl-C or SIGTERM: end the recording early, and keep the JVM up until the report is out.
    private void onSignal() {
        stopEarly = true;
        try {
            reported.await(WRITE_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void recordRunning(Duration length, Path agentJar, String options, Path file, PrintWriter err)
            throws Exception {
        try (TargetJvm jvm = target.open(spec)) {
            if (!jvm.attached()) {
                recordOverJmx(jvm, length, file, err);
                return;
            }
            String warning = jvm.dynamicAgentWarning();
            if (warning != null) {
                err.println(spec.qualifiedName() + ": note: " + warning);
            }
            jvm.loadAgent(agentJar, options + ",duration=" + Math.max(1, length.toMillis()) + "ms");
            FlightRecorderMXBean recorder = jvm.flightRecorder();
            String name = "contention " + file;
            long started = System.nanoTime();
            Progress progress = new Progress(err, jvm.name(), length, file);
            boolean seen = false;
            while (true) {
                RecordingInfo recording = find(recorder, name);
                if (recording != null) {
                    seen = true;
                    if (stopEarly && "RUNNING".equals(recording.getState())) {
                        recorder.stopRecording(recording.getId()); // JFR writes the file as it stops
                    }
                }
                if (seen && (recording == null || !"RUNNING".equals(recording.getState())
                        && !"DELAYED".equals(recording.getState()) && !"NEW".equals(recording.getState()))) {
                    break; // stopped: written
                }
                long waited = System.nanoTime() - started;
                if (!seen && waited > TimeUnit.SECONDS.toNanos(30)) {
                    throw new UserDataException(jvm.name() + " did not start recording within 30 s; its"
                            + " stderr says why (lines starting 'contention:')");
                }
                if (waited > length.toNanos() + WRITE_TIMEOUT.toNanos()) {
                    throw new UserDataException(jvm.name() + " did not write " + file + " within "
                            + WRITE_TIMEOUT.toSeconds() + " s of the end");
                }
                progress.show(waited);
                Thread.sleep(200);
            }
            progress.done(System.nanoTime() - started, stopEarly);
        } catch (LiveException e) {
            throw new UserDataException(e.getMessage());
        } catch (java.lang.reflect.UndeclaredThrowableException e) {
            throw new UserDataException(target.describe() + " stopped answering while it recorded: "
                    + (e.getCause() == null ? e : e.getCause()));
        }
    }

    /**
     * Over JMX the agent cannot be loaded: records with the settings of the agent's own recording in the target when
     * it runs one (its events included), else with JFR's default configuration, and copies the file over the
     * connection (FlightRecorderMXBean streams), whole or not at all.
     */
    private void recordOverJmx(TargetJvm jvm, Duration length, Path file, PrintWriter err) throws Exception {
        FlightRecorderMXBean recorder = jvm.flightRecorder();
        java.util.Map<String, String> settings = null;
        for (RecordingInfo existing : recorder.getRecordings()) {
            if (existing.getName().startsWith("contention ")) {
                settings = recorder.getRecordingSettings(existing.getId());
                break;
            }
        }
        if (settings == null) {
            err.println(spec.qualifiedName() + ": note: " + jvm.name() + " does not run the agent: JFR's default"
                    + " events only (start it with -javaagent:contention.jar for lock and pool statistics)");
            for (jdk.management.jfr.ConfigurationInfo configuration : recorder.getConfigurations()) {
                if (configuration.getName().equals("default")) {
                    settings = configuration.getSettings();
                }
            }
        }
        long id = recorder.newRecording();
        try {
            if (settings != null) {
                recorder.setRecordingSettings(id, settings);
            }
            recorder.setRecordingOptions(id, java.util.Map.of("name", "contention-jmx " + file, "disk", "true"));
            recorder.startRecording(id);
            long started = System.nanoTime();
            Progress progress = new Progress(err, jvm.name(), length, file);
            while (!stopEarly && System.nanoTime() - started < length.toNanos()) {
                progress.show(System.nanoTime() - started);
                Thread.sleep(200);
            }
            recorder.stopRecording(id);
            Path partial = file.resolveSibling(file.getFileName() + ".part");
            long stream = recorder.openStream(id, null);
            try (java.io.OutputStream out = Files.newOutputStream(partial)) {
                for (byte[] block = recorder.readStream(stream); block != null; block = recorder.readStream(stream)) {
                    out.write(block);
                }
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(partial); // never a partial file passing for a whole one
                throw e;
            } finally {
                recorder.closeStream(stream);
            }
            Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            progress.done(System.nanoTime() - started, stopEarly);
        } finally {
            recorder.closeRecording(id);
        }
    }

    private static RecordingInfo find(FlightRecorderMXBean recorder, String name) {
        for (RecordingInfo recording : recorder.getRecordings()) {
            if (name.equals(recording.getName())) {
                return recording;
            }
        }
        return null;
    }

    private void recordLaunched(Path agentJar, String options, PrintWriter err) throws Exception {
        List<String> launched = new ArrayList<>(command);
        launched.add(1, "-javaagent:" + agentJar + "=" + options);
        Process process;
        try {
            process = new ProcessBuilder(launched).inheritIO().start();
        } catch (java.io.IOException e) {
            throw new UserDataException("cannot start '" + command.get(0) + "': " + e.getMessage());
        }
        while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
            if (stopEarly) {
                process.destroy(); // SIGTERM: the agent writes the recording as the JVM exits
                if (!process.waitFor(WRITE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new UserDataException("'" + command.get(0) + "' did not exit within "
                            + WRITE_TIMEOUT.toSeconds() + " s of SIGTERM; the recording may be incomplete");
                }
            }
        }
        if (process.exitValue() != 0) {
            err.println(spec.qualifiedName() + ": note: the command exited with status " + process.exitValue());
        }
    }

    private void report(Path file, PrintWriter err) throws UserDataException, IOException {
        Profile profile;
        try {
            profile = RecordingReader.read(file, output);
        } catch (UnreadableRecordingException e) {
            throw new UserDataException(e.getMessage());
        }
        for (String warning : profile.recording().warnings()) {
            err.println(spec.qualifiedName() + ": warning: " + warning);
        }
        PrintWriter out = spec.commandLine().getOut();
        format.renderer().render(Detectors.analyze(profile), out);
        out.flush();
    }

    private Path agentJar() throws UserDataException {
        String jar = agent != null ? agent : System.getProperty("contention.agentJar");
        if (jar == null) {
            throw new UserDataException("no agent jar: pass --agent PATH (agent/target/contention.jar)");
        }
        Path path = Path.of(jar).toAbsolutePath();
        if (!Files.isRegularFile(path)) {
            throw new UserDataException("no agent jar at " + jar + " (build it: mvn -B package -DskipTests)");
        }
        return path;
    }

    /** {@code 30s}, {@code 2m}, {@code 500ms}. */
    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            }
            if (t.endsWith("m")) {
                return Duration.ofSeconds(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60));
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new CommandLine.TypeConversionException("bad duration '" + text + "' (use e.g. 30s, 2m or 500ms)");
    }

    /** One progress line on stderr: rewritten in place on a terminal, printed at the start and end otherwise. */
    private static final class Progress {
        private final PrintWriter err;
        private final String what;
        private final Duration length;
        private final Path file;
        private final boolean terminal = System.console() != null;
        private long shownSecond = -1;

        Progress(PrintWriter err, String what, Duration length, Path file) {
            this.err = err;
            this.what = what;
            this.length = length;
            this.file = file;
            if (!terminal) {
                err.printf("contention record: recording %s for %s to %s (Ctrl-C ends it early)%n", what,
                        format(length.toNanos()), file);
                err.flush();
            }
        }

        void show(long elapsedNanos) {
            long second = elapsedNanos / 1_000_000_000L;
            if (terminal && second != shownSecond) {
                shownSecond = second;
                err.printf("\rcontention record: recording %s: %s of %s to %s (Ctrl-C ends it early) ", what,
                        format(Math.min(elapsedNanos, length.toNanos())), format(length.toNanos()), file);
                err.flush();
            }
        }

        void done(long elapsedNanos, boolean early) {
            err.printf("%scontention record: wrote %s (%s%s)%n", terminal ? "\r" : "", file,
                    format(Math.min(elapsedNanos, length.toNanos())), early ? ", ended early" : "");
            err.flush();
        }

        private static String format(long nanos) {
            return String.format(Locale.ROOT, "%d s", Math.round(nanos / 1e9));
        }
    }
}
