// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Launches a sample app (or a test fixture) in a child JVM, with or without the agent, and waits for it. */
public final class ChildJvm {

    public static final Path ROOT = Paths.get(System.getProperty("contention.root", "..")).toAbsolutePath().normalize();
    public static final Path AGENT_JAR = Paths.get(System.getProperty("contention.agentJar",
            ROOT.resolve("agent/target/contention.jar").toString()));
    public static final Path SAMPLES_JAR = Paths.get(System.getProperty("contention.samplesJar",
            ROOT.resolve("sample-apps/target/sample-apps.jar").toString()));

    /**
     * What the JVM itself prints once when the agent appends its helpers to the bootstrap class path while class
     * data sharing is on; not the agent's output, and documented in the README.
     */
    public static final String CDS_NOTE = "OpenJDK 64-Bit Server VM warning: Sharing is only supported for boot"
            + " loader classes because bootstrap classpath has been appended";

    private final TestJdk jdk;
    private final Path workDir;
    private String agentOptions; // null: no agent
    private String classPath = SAMPLES_JAR.toString();
    private final List<String> jvmArgs = new ArrayList<>();
    private Duration timeout = Duration.ofSeconds(60);

    private ChildJvm(TestJdk jdk, Path workDir) {
        this.jdk = jdk;
        this.workDir = workDir;
    }

    public static ChildJvm on(TestJdk jdk, Path workDir) {
        return new ChildJvm(jdk.assumePresent(), workDir);
    }

    /** Adds {@code -javaagent:contention.jar=OPTIONS}; an empty string means the agent with no options. */
    public ChildJvm withAgent(String options) {
        this.agentOptions = options;
        return this;
    }

    public ChildJvm classPath(String classPath) {
        this.classPath = classPath;
        return this;
    }

    public ChildJvm jvmArg(String arg) {
        jvmArgs.add(arg);
        return this;
    }

    public ChildJvm timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** Runs {@code mainClass args} to completion (killing it at the timeout) and returns what it printed. */
    public Result run(String mainClass, String... args) throws IOException, InterruptedException {
        return run(null, mainClass, args);
    }

    /**
     * Runs {@code mainClass args} with the agent recording to {@code recording}, and asserts that it exited 0 and
     * that the agent wrote the file.
     */
    public Result record(Path recording, String mainClass, String... args) throws IOException, InterruptedException {
        Result run = withAgent("file=" + recording).run(mainClass, args);
        assertThat(run.exitCode).as("%s", run).isZero();
        assertThat(run.agentLines()).as("%s", run).anyMatch(line -> line.startsWith("contention: wrote " + recording));
        return run;
    }

    /** Like {@link #run}, but ends the child with SIGTERM after {@code terminateAfter}. */
    public Result runAndTerminate(Duration terminateAfter, String mainClass, String... args)
            throws IOException, InterruptedException {
        return run(terminateAfter, mainClass, args);
    }

    /**
     * Starts the child and returns at once, for a test that attaches to it while it runs; closing the handle kills
     * the child if it still runs.
     */
    public Running start(String mainClass, String... args) throws IOException {
        List<String> command = command(mainClass, args);
        Path stdout = Files.createTempFile(workDir, "stdout", ".txt");
        Path stderr = Files.createTempFile(workDir, "stderr", ".txt");
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile()).start();
        return new Running(command, process, stdout, stderr);
    }

    /** A child started by {@link #start}. */
    public static final class Running implements AutoCloseable {
        public final List<String> command;
        public final Process process;
        private final Path stdout;
        private final Path stderr;

        Running(List<String> command, Process process, Path stdout, Path stderr) {
            this.command = command;
            this.process = process;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        public long pid() {
            return process.pid();
        }

        /** What the child printed so far, both streams. */
        public String output() throws IOException {
            return Files.readString(stdout, StandardCharsets.UTF_8) + Files.readString(stderr, StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    private List<String> command(String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(jdk.java().toString());
        if (agentOptions != null) {
            command.add("-javaagent:" + AGENT_JAR + (agentOptions.isEmpty() ? "" : "=" + agentOptions));
        }
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(Arrays.asList(args));
        return command;
    }

    private Result run(Duration terminateAfter, String mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> command = command(mainClass, args);
        Path stdout = Files.createTempFile(workDir, "stdout", ".txt");
        Path stderr = Files.createTempFile(workDir, "stderr", ".txt");
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        try {
            if (terminateAfter != null && !process.waitFor(terminateAfter.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy(); // SIGTERM on Linux
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("child JVM did not finish within " + timeout + ": " + command
                        + "\nstderr:\n" + Files.readString(stderr));
            }
            return new Result(command, process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
        }
    }

    /** What a finished child printed, and the command that started it. */
    public static final class Result extends Output {
        public final List<String> command;

        Result(List<String> command, int exitCode, String stdout, String stderr) {
            super(exitCode, stdout, stderr);
            this.command = command;
        }

        /** The lines the agent printed, each starting {@code contention: }. */
        public List<String> agentLines() {
            List<String> lines = new ArrayList<>();
            for (String line : stderr.split("\n")) {
                if (line.startsWith("contention: ")) {
                    lines.add(line);
                }
            }
            return lines;
        }

        @Override
        public String toString() {
            return String.join(" ", command) + "\n" + super.toString();
        }
    }
}
