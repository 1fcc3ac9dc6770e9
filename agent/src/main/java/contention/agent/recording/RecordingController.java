// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.recording;

import contention.agent.AgentLog;
import contention.agent.AgentOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/**
 * Starts the one JFR recording the agent writes: the JDK's lock and thread events at thresholds that see
 * contention, plus the agent's own events. JFR's shutdown hook writes it to {@link AgentOptions#file()} on
 * normal exit, {@code System.exit} and SIGTERM (not on SIGKILL or a crash).
 */
public final class RecordingController {

    /** JDK events and their settings, keyed by {@code event#setting}; events a JDK lacks are ignored by JFR. */
    static Map<String, String> settings(AgentOptions options) {
        String monitor = jfr(options.monitorThreshold());
        String park = jfr(options.parkThreshold());
        Map<String, String> s = new LinkedHashMap<>();
        enable(s, "jdk.JavaMonitorEnter", "threshold", monitor, true);
        enable(s, "jdk.JavaMonitorWait", "threshold", park, true);
        enable(s, "jdk.ThreadPark", "threshold", park, true);
        enable(s, "jdk.VirtualThreadPinned", "threshold", park, true); // JDK 21+
        enable(s, "jdk.ThreadSleep", "threshold", park, true);
        enable(s, "jdk.ThreadStart", null, null, false);
        enable(s, "jdk.ThreadEnd", null, null, false);
        enable(s, "jdk.ExecutionSample", "period", jfr(options.samplePeriod()), true);
        enable(s, "jdk.CPULoad", "period", "1 s", false);
        enable(s, "jdk.ThreadCPULoad", "period", "1 s", false);
        enable(s, "jdk.JavaThreadStatistics", "period", "1 s", false);
        // Once per chunk: what the report's header says about the machine and the JVM.
        enable(s, "jdk.JVMInformation", "period", "beginChunk", false);
        enable(s, "jdk.CPUInformation", "period", "beginChunk", false);
        enable(s, "jdk.OSInformation", "period", "beginChunk", false);
        enable(s, "jdk.ActiveRecording", null, null, false);
        enable(s, "jdk.ActiveSetting", null, null, false);
        enable(s, AgentInfoEvent.NAME, "period", "beginChunk", false);
        // The agent's lock events; JFR ignores them when the locks option is off and they are not registered.
        enable(s, "contention.LockWait", "threshold", "0 ns", true); // the agent applies its own threshold
        enable(s, "contention.LockStats", "period", "1 s", false);
        enable(s, GlobalLockWarningEvent.NAME, null, null, false);
        enable(s, MonitorWaitSampleEvent.NAME, "period", MonitorWaitSampleEvent.PERIOD, false);
        enable(s, FalseSharingTickEvent.NAME, "period", FalseSharingTickEvent.PERIOD, false);
        enable(s, DeadlockCheckEvent.NAME, "period", DeadlockCheckEvent.PERIOD, false);
        enable(s, DeadlockEvent.NAME, null, null, false);
        enable(s, CacheLineStatsEvent.NAME, "period", "1 s", false);
        // The agent's executor events (docs/executor-events.md); PoolBlocked applies lock-wait-threshold itself.
        enable(s, "contention.ExecutorStats", "period", "1 s", false);
        enable(s, "contention.TaskSubmit", null, null, true);
        enable(s, "contention.PoolBlocked", "threshold", "0 ns", true);
        enable(s, StatsFlushEvent.NAME, "period", "endChunk", false);
        return s;
    }

    private static void enable(Map<String, String> s, String event, String key, String value, boolean stack) {
        s.put(event + "#enabled", "true");
        if (key != null) {
            s.put(event + "#" + key, value);
        }
        if (stack) {
            s.put(event + "#stackTrace", "true");
        }
    }

    private static String jfr(Duration d) {
        return d.toNanos() + " ns";
    }

    private static volatile Recording current; // published before it starts, so exit can tell

    /**
     * Registers the agent's events and starts the recording.
     *
     * @param statistics writes the agent's statistics of the period so far; run when a chunk ends (the recording
     *     stopping at exit included), or null when the agent keeps none
     * @throws IOException if the destination cannot be set
     * @throws IllegalStateException if JFR is disabled or unavailable in this JVM
     */
    public static void start(AgentOptions options, String agentVersion, Runnable statistics) throws IOException {
        FlightRecorder.addPeriodicEvent(AgentInfoEvent.class, () -> {
            AgentInfoEvent event = new AgentInfoEvent();
            event.agentVersion = agentVersion;
            event.options = options.text();
            event.monitorThresholdNanos = options.monitorThreshold().toNanos();
            event.parkThresholdNanos = options.parkThreshold().toNanos();
            event.commit();
        });
        if (statistics != null) {
            FlightRecorder.addPeriodicEvent(StatsFlushEvent.class, () -> {
                statistics.run();
                new StatsFlushEvent().commit();
            });
        }
        Recording recording = new Recording(settings(options));
        recording.setName("contention " + options.file());
        recording.setToDisk(true); // chunks go to the repository on disk, so memory stays bounded
        recording.setDumpOnExit(false); // the destination below is written on exit instead
        recording.setDestination(options.file());
        if (options.duration() != null) {
            recording.setDuration(options.duration()); // JFR stops it then and writes the destination
        }
        // JFR's own shutdown hook stops the recording and writes it; a second writer racing it loses chunk
        // files (seen on JDK 17: "Missing chunkfile when writing recording"), so the agent only listens.
        FlightRecorder.addListener(new FlightRecorderListener() {
            @Override
            public void recordingStateChanged(Recording changed) {
                if (changed == recording && changed.getState() == RecordingState.STOPPED) {
                    announceWritten(changed.getDestination());
                }
            }
        });
        current = recording;
        recording.start();
    }

    /**
     * Starts one more recording with the agent's events, for {@code contention record --pid} when the agent already
     * runs in this JVM: to {@code options.file()}, for {@code options.duration()} or until exit. Its name is
     * {@code contention <file>}, by which the command stops it early.
     */
    public static void startAnother(AgentOptions options) throws IOException {
        Recording recording = new Recording(settings(options));
        recording.setName("contention " + options.file());
        recording.setToDisk(true);
        recording.setDumpOnExit(false);
        recording.setDestination(options.file());
        if (options.duration() != null) {
            recording.setDuration(options.duration());
        }
        FlightRecorder.addListener(new FlightRecorderListener() {
            @Override
            public void recordingStateChanged(Recording changed) {
                if (changed == recording && changed.getState() == RecordingState.STOPPED) {
                    announceWritten(changed.getDestination());
                }
            }
        });
        recording.start();
    }

    /**
     * Whether the recording has started, so that JFR's shutdown hook writes it; false before JFR is up, or when
     * it never came up. Safe to call from a shutdown hook racing {@link #start}.
     */
    public static boolean hasStarted() {
        Recording recording = current;
        return recording != null && recording.getState() != RecordingState.NEW;
    }

    private static void announceWritten(Path file) {
        try {
            AgentLog.info("wrote " + file + " (" + (Files.size(file) + 1023) / 1024 + " KiB)");
        } catch (IOException | RuntimeException e) {
            AgentLog.info("the recording was not written to " + file + ": " + AgentLog.describe(e));
        }
    }

    private RecordingController() {}
}
