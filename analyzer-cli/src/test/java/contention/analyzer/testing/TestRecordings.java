// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.function.Supplier;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * Real recordings made once per test JVM with JDK's {@link Recording} around a {@link Workloads} run, kept
 * under {@code target/test-recordings} for a person to inspect.
 */
public final class TestRecordings {

    /** How long each workload runs. */
    static final long WORKLOAD_MILLIS = 1_000;

    private static final Path DIRECTORY = Path.of("target", "test-recordings");
    private static Path contended;
    private static Path twin;
    private static Path jdkDefault;
    private static Path agentScenario;
    private static Path executorScenario;

    /** The contended workload's recording; it has several chunks, so cutting it in half leaves whole ones. */
    public static synchronized Path contended() {
        if (contended == null) {
            contended = record("contended.jfr", () -> Workloads.contended(WORKLOAD_MILLIS, TestRecordings::rotateChunk));
        }
        return contended;
    }

    /** The fixed twin's recording. */
    public static synchronized Path twin() {
        if (twin == null) {
            twin = record("twin.jfr", () -> Workloads.twin(WORKLOAD_MILLIS));
        }
        return twin;
    }

    /**
     * The contended workload, shorter, under JDK's own {@code default} settings, as a plain
     * {@code -XX:StartFlightRecording} records it: 20 ms thresholds, CPU load every 10 s.
     */
    public static synchronized Path jdkDefault() {
        if (jdkDefault == null) {
            jdkDefault = record("jdk-default.jfr", TestRecordings::jdkDefaultRecording,
                    () -> Workloads.contended(WORKLOAD_MILLIS / 2, () -> { }));
        }
        return jdkDefault;
    }

    /**
     * The {@link AgentScenario}: the agent's lock events and some JDK events written by the test itself, with
     * exact values, next to what JFR records on its own meanwhile.
     */
    public static synchronized Path agentScenario() {
        if (agentScenario == null) {
            agentScenario = record("agent-scenario.jfr", TestRecordings::agentScenarioRecording, AgentScenario::run);
        }
        return agentScenario;
    }

    /** The {@link ExecutorScenario}: the agent's executor events written by the test itself, with exact values. */
    public static synchronized Path executorScenario() {
        if (executorScenario == null) {
            executorScenario = record("executor-scenario.jfr", TestRecordings::executorScenarioRecording,
                    ExecutorScenario::run);
        }
        return executorScenario;
    }

    private static Recording executorScenarioRecording() {
        Recording recording = newRecording();
        for (String name : SyntheticEvents.EXECUTOR_NAMES) {
            recording.enable(name).withThreshold(Duration.ZERO).withStackTrace();
        }
        return recording;
    }

    private static Recording agentScenarioRecording() {
        Recording recording = newRecording();
        for (String name : SyntheticEvents.NAMES) {
            recording.enable(name).withThreshold(Duration.ZERO).withStackTrace();
        }
        recording.enable("jdk.ThreadSleep").withThreshold(Duration.ZERO).withStackTrace();
        return recording;
    }

    private static Recording jdkDefaultRecording() {
        try {
            return new Recording(Configuration.getConfiguration("default"));
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("JDK's default.jfc is missing", e);
        }
    }

    /** Settings like the agent's: contention events at threshold 0 with stacks, CPU load every 100 ms. */
    static Recording newRecording() {
        Recording recording = new Recording();
        recording.enable("jdk.JavaMonitorEnter").withThreshold(Duration.ZERO).withStackTrace();
        recording.enable("jdk.ThreadPark").withThreshold(Duration.ZERO).withStackTrace();
        recording.enable("jdk.JavaMonitorWait").withThreshold(Duration.ZERO).withStackTrace();
        recording.enable("jdk.ThreadStart");
        recording.enable("jdk.ThreadEnd");
        recording.enable("jdk.ThreadCPULoad").withPeriod(Duration.ofMillis(100));
        recording.enable("jdk.CPULoad").withPeriod(Duration.ofMillis(100));
        recording.enable("jdk.JVMInformation");
        recording.enable("jdk.CPUInformation");
        recording.enable("jdk.ActiveSetting");
        return recording;
    }

    /** What runs while recording. */
    @FunctionalInterface
    interface Workload {
        void run() throws Exception;
    }

    private static Path record(String name, Workload workload) {
        return record(name, TestRecordings::newRecording, workload);
    }

    private static Path record(String name, Supplier<Recording> settings, Workload workload) {
        try {
            Files.createDirectories(DIRECTORY);
            Path file = DIRECTORY.resolve(name);
            try (Recording recording = settings.get()) {
                recording.start();
                workload.run();
                recording.stop();
                recording.dump(file);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("recording " + name + " failed", e);
        }
    }

    // Starting and stopping any recording makes JFR start a new chunk in every running recording.
    private static void rotateChunk() {
        try (Recording rotation = new Recording()) {
            rotation.start();
            rotation.stop();
        }
    }

    private TestRecordings() {}
}
