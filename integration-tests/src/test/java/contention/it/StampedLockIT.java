// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import contention.it.fixtures.StampedAndConditionMain;
import contention.it.support.Analyzer;
import contention.it.support.ChildJvm;
import contention.it.support.TestJdk;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code StampedLock} waits are timed per instance, in read and write mode, with the lock's allocation site and
 * field; {@code Condition.await} is recorded as waiting for a signal and never turns into lock contention. Neither
 * changes what the app sees.
 */
class StampedLockIT {

    static final String OWNER = StampedAndConditionMain.class.getName();
    static final String STAMPED = "java.util.concurrent.locks.StampedLock";
    static final String REENTRANT = "java.util.concurrent.locks.ReentrantLock";
    static final String LOCK_WAIT = "contention.LockWait";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void stampedLockWaitsAreTimedPerInstanceInReadAndWriteMode(TestJdk jdk) throws Exception {
        Path recording = dir.resolve("stamped.jfr");
        ChildJvm.Result run = ChildJvm.on(jdk, dir).classPath(fixtures()).record(recording, OWNER, "stamped", "1500", "2000");
        assertThat(run.stdout).contains("done");
        assertThat(run.agentLines()).as("%s", run).noneMatch(line -> line.contains("could not"));

        JsonNode report = Analyzer.reportJson(recording);
        JsonNode prices = lockWithField(report, OWNER + ".PRICES");
        assertThat(prices.path("class").asText()).isEqualTo(STAMPED);
        assertThat(prices.path("id").asText()).startsWith(STAMPED + "@");
        assertThat(prices.path("allocationSite").asText()).startsWith(OWNER + ".<clinit>(StampedAndConditionMain.java:");
        assertThat(prices.path("waitTimeMs").asDouble()).as("%s", prices).isGreaterThan(10);
        assertThat(prices.path("waitCount").asLong()).as("%s", prices).isPositive();
        assertThat(prices.path("sites")).as("%s", prices).isNotEmpty();
        List<String> stacks = new ArrayList<>();
        for (JsonNode site : prices.path("sites")) {
            assertThat(site.path("frame").asText()).as("%s", prices).startsWith(OWNER + ".lambda$");
            stacks.addAll(SynchronizedMapIT.texts(site.path("stack")));
        }
        assertThat(stacks).noneMatch(f -> f.startsWith("contention.agent."));
        assertThat(stacks).anyMatch(f -> f.startsWith(STAMPED + ".writeLock("));
        assertThat(stacks).anyMatch(f -> f.startsWith(STAMPED + ".readLock("));

        // The mode each wait was recorded in matches the slow path that timed it.
        List<RecordedEvent> waits = lockWaits(recording, STAMPED);
        Set<String> modes = new TreeSet<>();
        for (RecordedEvent wait : waits) {
            String mode = wait.getString("mode");
            modes.add(mode);
            List<String> methods = methods(wait);
            assertThat(methods).as("stack of a %s wait", mode)
                    .contains(mode.equals("read") ? STAMPED + ".readLock" : STAMPED + ".writeLock")
                    .doesNotContain(mode.equals("read") ? STAMPED + ".writeLock" : STAMPED + ".readLock");
            assertThat(wait.getThread().getJavaName()).startsWith("stamped-");
            assertThat(wait.getBoolean("acquired")).isTrue();
        }
        assertThat(modes).containsExactly("read", "write");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void conditionAwaitIsWaitingNotLockContention(TestJdk jdk) throws Exception {
        Path recording = dir.resolve("await.jfr");
        ChildJvm.Result run = ChildJvm.on(jdk, dir).classPath(fixtures()).record(recording, OWNER, "await", "1500");
        assertThat(run.stdout).contains("done");

        // Four threads each awaited a signal for about 1 s, twice: recorded as awaits on the mailbox's lock.
        List<RecordedEvent> awaits = new ArrayList<>();
        for (RecordedEvent wait : lockWaits(recording, REENTRANT)) {
            if (wait.getThread().getJavaName().startsWith("awaiter-") && "await".equals(wait.getString("mode"))) {
                awaits.add(wait);
            }
        }
        assertThat(awaits).as("await events").hasSize(8);
        for (RecordedEvent await : awaits) {
            assertThat(await.getLong("waitNanos")).isBetween(700_000_000L, 1_500_000_000L);
            assertThat(await.getInt("weight")).isEqualTo(1);
            assertThat(await.getBoolean("acquired")).as("signalled").isTrue();
            assertThat(methods(await)).anyMatch(m -> m.endsWith("$ConditionObject.await"));
        }

        // The lock's own statistics hold only the short re-acquisitions after each signal, not the awaits.
        long mailboxWaitNanos = 0;
        long mailboxContended = 0;
        for (RecordedEvent stats : RecordingFile.readAllEvents(recording)) {
            if (stats.getEventType().getName().equals("contention.LockStats")
                    && (OWNER + ".MAILBOX").equals(stats.getString("field"))) {
                mailboxWaitNanos += stats.getLong("waitNanos");
                mailboxContended += stats.getLong("contendedAcquisitions");
            }
        }
        assertThat(mailboxWaitNanos).isLessThan(100_000_000L);
        // At most the slow-path entries of 16 lock() calls and re-acquisitions, and main's 2 lock() calls.
        assertThat(mailboxContended).isLessThanOrEqualTo(18);

        JsonNode report = Analyzer.reportJson(recording);
        assertThat(Analyzer.findings(report, "hot-lock")).as("findings: %s", report.path("findings")).isEmpty();
        for (JsonNode lock : report.path("locks")) {
            if ((OWNER + ".MAILBOX").equals(lock.path("field").asText())) {
                assertThat(lock.path("waitTimeMs").asDouble()).as("%s", lock).isLessThan(100);
            }
        }
        double recordingMs = report.path("recording").path("durationMs").asDouble();
        int awaiters = 0;
        for (JsonNode thread : report.path("threads")) {
            if (thread.path("name").asText().startsWith("awaiter-")) {
                awaiters++;
                // About 2 s of awaiting each, counted once as waiting, never as blocked on a lock.
                assertThat(thread.path("waitingMs").asDouble()).as("%s", thread).isBetween(1_500.0, recordingMs);
                assertThat(thread.path("blockedMs").asDouble()).as("%s", thread).isLessThan(100);
            }
        }
        assertThat(awaiters).as("threads: %s", report.path("threads")).isEqualTo(4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void stampedLockAndConditionBehaveAsWithoutTheAgent(TestJdk jdk) throws Exception {
        ChildJvm.Result without = ChildJvm.on(jdk, dir).classPath(fixtures()).run(OWNER, "semantics", "1500");
        Path recording = dir.resolve("semantics.jfr");
        ChildJvm.Result with = ChildJvm.on(jdk, dir).classPath(fixtures()).withAgent("file=" + recording)
                .run(OWNER, "semantics", "1500");
        assertThat(without.exitCode).as("%s", without).isZero();
        assertThat(with.exitCode).as("%s", with).isZero();
        assertThat(with.stdout).isEqualTo(without.stdout);
        assertThat(with.stdout).contains("write.tryReadLock=0", "write.timedTryReadLock=0, waited>=50ms=true",
                "write.timedTryWriteLock=0, waited>=50ms=true",
                "write.readLockInterruptibly=InterruptedException, interruptedAfter=false",
                "write.waiterInterruptedWhileQueued=-1", "read.count=2", "stale.unlockWrite=IllegalMonitorStateException",
                "optimistic.validate=true", "condition.awaitTimesOut=false, waited>=50ms=true, held=true",
                "condition.awaitInterrupted=InterruptedException, held=true",
                "condition.awaitWithoutLock=IllegalMonitorStateException", "done");
        assertThat(with.agentLines()).as("%s", with).noneMatch(line -> line.contains("could not"));

        // The advice did run: the timed tries that gave up after 50 ms are waits that did not acquire.
        Set<String> timedOut = new TreeSet<>();
        for (RecordedEvent wait : lockWaits(recording, STAMPED)) {
            if (wait.getThread().getJavaName().equals("main") && wait.getLong("waitNanos") >= 49_000_000L) {
                assertThat(wait.getBoolean("acquired")).isFalse();
                timedOut.add(wait.getString("mode"));
            }
        }
        assertThat(timedOut).containsExactly("read", "write");
    }

    private static String fixtures() throws Exception {
        return Paths.get(StampedAndConditionMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
    }

    private static List<RecordedEvent> lockWaits(Path recording, String lockClass) throws IOException {
        List<RecordedEvent> waits = new ArrayList<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (event.getEventType().getName().equals(LOCK_WAIT) && lockClass.equals(event.getString("lockClass"))) {
                waits.add(event);
            }
        }
        return waits;
    }

    /** {@code class.method} of each frame of an event's stack, innermost first. */
    private static List<String> methods(RecordedEvent event) {
        List<String> methods = new ArrayList<>();
        if (event.getStackTrace() != null) {
            for (RecordedFrame frame : event.getStackTrace().getFrames()) {
                methods.add(frame.getMethod().getType().getName() + "." + frame.getMethod().getName());
            }
        }
        return methods;
    }

    private static JsonNode lockWithField(JsonNode report, String field) {
        for (JsonNode each : report.path("locks")) {
            if (field.equals(each.path("field").asText())) {
                return each;
            }
        }
        throw new AssertionError("no lock in field " + field + " in " + report.path("locks"));
    }
}
