// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent;

import contention.agent.bootstrap.LockAdviceHelper;
import contention.agent.bootstrap.executors.ExecutorHooks;
import contention.agent.bootstrap.falsesharing.SharedWrites;
import contention.agent.recording.CacheLineSampler;
import contention.agent.recording.DeadlockWatch;
import contention.agent.recording.ExecutorStatsEmitter;
import contention.agent.recording.LockStatsEmitter;
import contention.agent.recording.RecordingController;
import java.lang.instrument.Instrumentation;

/**
 * Entry point for {@code -javaagent:contention.jar[=options]} and for loading into a running JVM: parses the
 * options, installs the lock instrumentation, starts the recording. Nothing here may throw into the app: every
 * failure is one line on stderr and the app runs on.
 */
public final class ContentionAgent {

    private static boolean started; // guarded by ContentionAgent.class
    private static volatile boolean exiting;
    private static volatile boolean locksInstrumented;

    /** Called by the JVM before {@code main} for {@code -javaagent:}. */
    public static void premain(String args, Instrumentation instrumentation) {
        start(args, instrumentation);
    }

    /** Called by the JVM when the agent is loaded into a running process. */
    public static void agentmain(String args, Instrumentation instrumentation) {
        start(args, instrumentation);
    }

    private static synchronized void start(String args, Instrumentation instrumentation) {
        try {
            if (started) {
                recordAgain(args);
                return;
            }
            started = true;
            AgentOptions options = AgentOptions.parse(args);
            for (String problem : options.problems()) {
                AgentLog.info(problem);
            }
            if (options.locks()) {
                instrumentLocks(options, instrumentation);
            }
            AgentLog.info("recording to " + options.file() + (options.duration() == null
                    ? " (written when the JVM exits)" : " for " + AgentOptions.format(options.duration())
                    + " (or until the JVM exits)"));
            // How `contention list` tells which JVMs run the agent, and where they record.
            System.setProperty("contention.agent", AgentLog.version() + " " + options.file());
            // JFR's own initialization takes ~0.5 s of CPU (README, "Measured"), so it runs beside main instead of
            // before it; the report covers the recording, from when JFR is up. Lock advice installed above still
            // sees every lock created meanwhile, so allocation sites are complete.
            Thread thread = new Thread(() -> startRecording(options, instrumentation), "contention-start");
            thread.setDaemon(true);
            Runtime.getRuntime().addShutdownHook(new Thread(ContentionAgent::onExit, "contention-exit"));
            thread.start();
        } catch (Throwable t) { // an agent failure must never stop the app
            AgentLog.info("could not start, the app runs without it: " + AgentLog.describe(t));
        }
    }

    /**
     * A second load into this JVM ({@code contention record --pid} again): one more recording to the file it names,
     * with the instrumentation already in place; without a file there is nothing to do.
     */
    private static void recordAgain(String args) {
        AgentOptions options = AgentOptions.parse(args);
        if (args == null || !args.contains("file=")) {
            AgentLog.info("already running in this JVM; ignoring the second start");
            return;
        }
        try {
            RecordingController.startAnother(options);
            AgentLog.info("recording to " + options.file() + (options.duration() == null ? " (written when the JVM"
                    + " exits)" : " for " + AgentOptions.format(options.duration())));
        } catch (Throwable t) {
            AgentLog.info("could not start another recording: " + AgentLog.describe(t));
        }
    }

    /**
     * Installs the lock advice before {@code main}, so locks the app creates at start-up get their allocation
     * sites. A failure leaves the app uninstrumented, and the recording of JDK events still runs.
     */
    private static void instrumentLocks(AgentOptions options, Instrumentation instrumentation) {
        try {
            // Before anything touches contention.agent.bootstrap, so those classes load once, from there.
            BootstrapJar.append(instrumentation);
            // Byte Buddy's Unsafe path warns on JDK 24+; its safe path works on every JDK we support.
            if (System.getProperty("net.bytebuddy.safe") == null) {
                System.setProperty("net.bytebuddy.safe", "true");
            }
            LockAdviceHelper.initialize(options.lockWaitThreshold().toNanos());
            ExecutorHooks.initialize(options.lockWaitThreshold().toNanos());
            if (options.falseSharing()) {
                SharedWrites.initialize();
            }
            Installer.install(instrumentation, options);
            locksInstrumented = true;
        } catch (Throwable t) {
            AgentLog.info("could not instrument locks, recording JDK events only: " + AgentLog.describe(t));
        }
    }

    private static void startRecording(AgentOptions options, Instrumentation instrumentation) {
        try {
            if (locksInstrumented) {
                LockAdviceHelper.initializeEvents();
                LockStatsEmitter.register(options);
                ExecutorStatsEmitter.register();
                if (options.falseSharing()) {
                    CacheLineSampler.register(instrumentation, options.falseSharingRate());
                }
            }
            DeadlockWatch.register(); // needs no instrumentation: the JVM knows its lock graph
            RecordingController.start(options, AgentLog.version(), locksInstrumented ? ContentionAgent::flushStatistics : null);
            if (locksInstrumented) {
                LockStatsEmitter.startFirstPeriod();
                ExecutorStatsEmitter.startFirstPeriod();
            }
        } catch (Throwable t) {
            if (!exiting) { // at exit, onExit says what happened
                AgentLog.info("could not start the recording, the app runs without it: " + AgentLog.describe(t));
            }
        }
    }

    /**
     * Runs on normal exit, {@code System.exit} and SIGTERM; JFR's own hook writes a started recording. JFR cannot
     * start once shutdown has begun (it registers a shutdown hook of its own), so there is nothing to wait for.
     */
    private static void onExit() {
        exiting = true;
        if (!RecordingController.hasStarted()) {
            AgentLog.info("the JVM exited before the recording had started (JFR takes about half a second"
                    + " to start); nothing was recorded");
        }
        // The statistics' last period is written by the recording's end-of-chunk hook (flushStatistics), which JFR
        // runs before it closes the file; from here it would race JFR's own shutdown hook.
    }

    /** Writes the lock and executor statistics of the period so far (a chunk is ending). */
    private static void flushStatistics() {
        try {
            LockStatsEmitter.flush();
            ExecutorStatsEmitter.flush();
            CacheLineSampler.flush();
        } catch (Throwable t) {
            // The recording is being closed under us; the periods already written stand.
        }
    }

    private ContentionAgent() {}
}
