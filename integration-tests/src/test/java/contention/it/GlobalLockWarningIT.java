// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.it;

import static org.assertj.core.api.Assertions.assertThat;

import contention.it.support.ChildJvm;
import contention.it.support.TestJdk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * While the app runs, the agent warns once on stderr when one lock serializes its threads, and records the warning
 * as a {@code contention.GlobalLockWarning} event: 4 threads doing 95% of their work under one {@code ReentrantLock}
 * get one warning naming the lock, its field and where it was created; the lock-free twin gets none; with
 * {@code global-lock-warning=off} nothing is printed and the event is still recorded, and with a file the line
 * goes there instead.
 *
 * <p>The agent's rule counts the time a thread is ready to run but has no CPU as time it does not wait for the lock:
 * when other processes take the machine's CPUs, the CPUs, not the lock, hold the app back, and no warning is the
 * right answer. A run with no warning on a machine that busy is skipped, saying so; on an idle machine the sample's
 * periods measured a serial fraction of 0.66 to 1.1 (2 CPUs, JDK 17, 11 runs), and with two busy loops beside it
 * 0.4 to 2.0.
 */
class GlobalLockWarningIT {

    static final String SAMPLE = "contention.samples.calibration.SerialFractionApp";
    static final String FIXED = "contention.samples.calibration.SerialFractionFixedApp";
    static final String[] ARGS = {"0.95", "unfair", "4s", "4"};
    static final String EVENT = "contention.GlobalLockWarning";
    static final String PREFIX = "contention: WARNING global lock fallback: ";
    static final String WARNING = Pattern.quote(PREFIX + "java.util.concurrent.locks.ReentrantLock"
            + " contention.samples.calibration.SharedAccumulator.lock serializes ") + "[2-9]"
            + Pattern.quote(" threads (created at contention.samples.calibration.SharedAccumulator.<init>"
            + "(SharedAccumulator.java:") + "\\d+\\)\\)";

    // Other processes' share of the machine's CPU (jdk.CPULoad, per second) that makes a run without a warning a
    // skip rather than a failure. Idle machine: 0 to 0.07 beside the sample; two busy loops beside it: 0.58 to 0.6.
    static final double BUSY_MACHINE = 0.2;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void oneLockSerializingFourThreadsWarnsOnceAndIsRecorded(TestJdk jdk) throws Exception {
        Path recording = dir.resolve("serial.jfr");
        ChildJvm.Result run = ChildJvm.on(jdk, dir).record(recording, SAMPLE, ARGS);
        assertThat(run.stdout).contains("serial-fraction serialFraction=0.95 lock=unfair");

        List<String> warnings = warnings(run.stderr);
        skipIfNoneOnABusyMachine(warnings.size(), recording);
        assertThat(warnings).as("%s\n%s", run, periods(recording)).hasSize(1);
        assertThat(warnings.get(0)).matches(WARNING);

        List<RecordedEvent> events = events(recording);
        assertThat(events).as("%s events", EVENT).hasSize(1);
        RecordedEvent event = events.get(0);
        assertThat(event.getString("message")).isEqualTo(warnings.get(0));
        assertThat(event.getString("lockClass")).isEqualTo("java.util.concurrent.locks.ReentrantLock");
        assertThat(event.getString("field")).isEqualTo("contention.samples.calibration.SharedAccumulator.lock");
        assertThat(event.getString("allocationSite"))
                .startsWith("contention.samples.calibration.SharedAccumulator.<init>(SharedAccumulator.java:");
        assertThat(event.getInt("threads")).isBetween(2, 4);
        assertThat(event.getDouble("utilization")).isPositive();
        assertThat(event.getDouble("serialFraction")).isGreaterThanOrEqualTo(0.6);
        long statsOfTheLock = RecordingFile.readAllEvents(recording).stream()
                .filter(e -> e.getEventType().getName().equals("contention.LockStats"))
                .filter(e -> e.getLong("lockId") == event.getLong("lockId"))
                .filter(e -> "java.util.concurrent.locks.ReentrantLock".equals(e.getString("lockClass")))
                .count();
        assertThat(statsOfTheLock).as("contention.LockStats of the lock the warning names").isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void lockFreeTwinDoesNotWarn(TestJdk jdk) throws Exception {
        Path recording = dir.resolve("fixed.jfr");
        ChildJvm.Result run = ChildJvm.on(jdk, dir).record(recording, FIXED, ARGS);
        assertThat(run.stdout).contains("serial-fraction-fixed serialFraction=0.95");
        assertThat(warnings(run.stderr)).as("%s", run).isEmpty();
        assertThat(events(recording)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void offPrintsNothingAndStillRecordsTheWarning(TestJdk jdk) throws Exception {
        Path recording = dir.resolve("off.jfr");
        ChildJvm.Result run = ChildJvm.on(jdk, dir).withAgent("file=" + recording + ",global-lock-warning=off")
                .run(SAMPLE, ARGS);
        assertThat(run.exitCode).as("%s", run).isZero();
        assertThat(run.stderr).as("%s", run).doesNotContain("global lock");
        List<RecordedEvent> events = events(recording);
        skipIfNoneOnABusyMachine(events.size(), recording);
        assertThat(events).as("%s events\n%s", EVENT, periods(recording)).hasSize(1);
        assertThat(events.get(0).getString("message")).matches(WARNING);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void aFileGetsTheWarningInsteadOfStderr(TestJdk jdk) throws Exception {
        Path recording = dir.resolve("file.jfr");
        Path file = dir.resolve("warnings.log");
        ChildJvm.Result run = ChildJvm.on(jdk, dir)
                .withAgent("file=" + recording + ",global-lock-warning=" + file).run(SAMPLE, ARGS);
        assertThat(run.exitCode).as("%s", run).isZero();
        assertThat(run.stderr).as("%s", run).doesNotContain("global lock");
        skipIfNoneOnABusyMachine(Files.exists(file) ? 1 : 0, recording);
        assertThat(file).as("%s\n%s", run, periods(recording)).exists();
        assertThat(Files.readAllLines(file)).singleElement().asString().matches(WARNING);
        assertThat(events(recording)).hasSize(1);
    }

    static final String[] MONITOR_ARGS = {"0.95", "synchronized", "4s", "4"};
    static final String MONITOR_WARNING = Pattern.quote(PREFIX + "contention.samples.calibration.SharedAccumulator"
            + " serializes ") + "[2-9]" + Pattern.quote(" threads (threads wait at"
            + " contention.samples.calibration.SharedAccumulator.advance(SharedAccumulator.java:") + "\\d+\\)\\)";

    /**
     * A monitor's waits the agent does not time; it samples which of a busy monitor's threads are blocked on it,
     * and names where they wait, the monitor having no allocation site.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void aMonitorSerializingFourThreadsWarnsOnceNamingWhereTheyWait(TestJdk jdk) throws Exception {
        Path recording = dir.resolve("monitor.jfr");
        ChildJvm.Result run = ChildJvm.on(jdk, dir).record(recording, SAMPLE, MONITOR_ARGS);
        assertThat(run.stdout).contains("serial-fraction serialFraction=0.95 lock=synchronized");
        List<String> warnings = warnings(run.stderr);
        skipIfNoneOnABusyMachine(warnings.size(), recording);
        assertThat(warnings).as("%s", run).singleElement().asString().matches(MONITOR_WARNING);
        List<RecordedEvent> events = events(recording);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getString("lockClass")).isEqualTo("contention.samples.calibration.SharedAccumulator");
        assertThat(events.get(0).getDouble("serialFraction")).as("not estimated from sampled waits").isEqualTo(-1);
        assertThat(events.get(0).getDouble("utilization")).isGreaterThanOrEqualTo(0.5);
    }

    /**
     * A monitor every thread takes for a twentieth of its work is busy, not serializing: no warning. (At half the
     * work the threads queue for it as a serializing lock's do, the more so on JDK 25: 0.56-0.74 of a serialized
     * lock's waiting, where the mark is 0.7; docs/global-lock.md.)
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void aMonitorTakenForAFewPercentOfTheWorkDoesNotWarn(TestJdk jdk) throws Exception {
        Path recording = dir.resolve("brief.jfr");
        ChildJvm.Result run = ChildJvm.on(jdk, dir).record(recording, SAMPLE, "0.05", "synchronized", "4s", "8");
        assertThat(run.stdout).contains("serial-fraction serialFraction=0.05 lock=synchronized");
        assertThat(warnings(run.stderr)).as("%s", run).isEmpty();
        assertThat(events(recording)).isEmpty();
    }

    private static List<String> warnings(String stderr) {
        return stderr.lines().filter(line -> line.contains("global lock")).collect(Collectors.toList());
    }

    private static void skipIfNoneOnABusyMachine(int warnings, Path recording) throws Exception {
        double others = 0;
        for (RecordedEvent load : RecordingFile.readAllEvents(recording)) {
            if (load.getEventType().getName().equals("jdk.CPULoad")) {
                others = Math.max(others,
                        load.getFloat("machineTotal") - load.getFloat("jvmUser") - load.getFloat("jvmSystem"));
            }
        }
        if (warnings == 0 && others >= BUSY_MACHINE) {
            String message = String.format(Locale.ROOT, "other processes took up to %.0f%% of the machine's CPU, so"
                    + " the lock did not serialize the app; skipping\n%s", others * 100, periods(recording));
            System.out.println("SKIPPED: " + message);
            Assumptions.abort(message);
        }
    }

    /** The figures the agent judged the sample's lock on, one line per period, for failure messages. */
    private static String periods(Path recording) throws Exception {
        StringBuilder text = new StringBuilder("periods of the ReentrantLock (hold, wait, threads that waited):");
        for (RecordedEvent stats : RecordingFile.readAllEvents(recording)) {
            if (stats.getEventType().getName().equals("contention.LockStats")
                    && "java.util.concurrent.locks.ReentrantLock".equals(stats.getString("lockClass"))) {
                double periodNanos = stats.getLong("periodNanos");
                text.append(String.format(Locale.ROOT, "%n  %.2f s: U %.2f, W/T %.2f, %d threads",
                        periodNanos / 1e9, stats.getLong("holdNanos") / periodNanos,
                        stats.getLong("waitNanos") / periodNanos, stats.getInt("waitingThreads")));
            }
        }
        return text.toString();
    }

    private static List<RecordedEvent> events(Path recording) throws Exception {
        return RecordingFile.readAllEvents(recording).stream()
                .filter(e -> e.getEventType().getName().equals(EVENT)).collect(Collectors.toList());
    }
}
