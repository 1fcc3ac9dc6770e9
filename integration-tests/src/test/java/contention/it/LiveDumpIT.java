// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import contention.it.support.Analyzer;
import contention.it.support.ChildJvm;
import contention.it.support.Output;
import contention.it.support.TestJdk;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code contention dump --pid} and {@code contention list} against running child JVMs: a deadlocked transfer
 * app (monitors, then ReentrantLocks) has its cycle spelled out, thread by thread with the lock and the site, and
 * the exit status says so; the fixed twin has none; {@code list} finds the child and whether the agent runs in it.
 */
class LiveDumpIT {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void aDeadlockOfMonitorsIsSpelledOutAndTheExitStatusSaysSo(TestJdk jdk) throws Exception {
        try (ChildJvm.Running app = ChildJvm.on(jdk, dir).start("contention.samples.transfer.TransferApp", "60s",
                "monitor")) {
            Output dump = dumpOnceDeadlocked(app);
            assertThat(dump.exitCode).as("%s", dump).isEqualTo(3);
            assertThat(dump.stdout).contains("DEADLOCK: 2 threads wait for each other")
                    .containsPattern("\"transfer-1\" waits for contention\\.samples\\.transfer\\.Account@[0-9a-f]+ at"
                            + " contention\\.samples\\.transfer\\.Transfers\\.transfer\\(Transfers\\.java:\\d+\\),"
                            + " held by \"transfer-2\"")
                    .containsPattern("\"transfer-2\" waits for contention\\.samples\\.transfer\\.Account@[0-9a-f]+ at"
                            + " .*, held by \"transfer-1\"")
                    .containsPattern("\"transfer-1\" #\\d+ BLOCKED")
                    .contains("    holds contention.samples.transfer.Account@");
        }
    }

    @Test
    void aDeadlockOfReentrantLocksNamesTheLockCallAsTheSite() throws Exception {
        try (ChildJvm.Running app = ChildJvm.on(TestJdk.current(), dir).start(
                "contention.samples.transfer.TransferApp", "60s", "lock")) {
            Output dump = dumpOnceDeadlocked(app);
            assertThat(dump.exitCode).as("%s", dump).isEqualTo(3);
            assertThat(dump.stdout).containsPattern("\"transfer-1\" waits for java\\.util\\.concurrent\\.locks\\."
                    + "ReentrantLock\\$NonfairSync@[0-9a-f]+ at contention\\.samples\\.transfer\\.Transfers\\.transfer"
                    + "\\(Transfers\\.java:\\d+\\), held by \"transfer-2\"");
            JsonNode json = new ObjectMapper().readTree(Analyzer.run("dump", "--pid", Long.toString(app.pid()),
                    "--format", "json").stdout);
            assertThat(json.path("deadlocks").path(0).path("links")).hasSize(2);
            assertThat(json.path("deadlocks").path(0).path("links").path(0).path("thread").asText())
                    .isEqualTo("transfer-1");
        }
    }

    @Test
    void theFixedTwinHasNoDeadlockAndListShowsTheAgent() throws Exception {
        try (ChildJvm.Running app = ChildJvm.on(TestJdk.current(), dir).withAgent("file=" + dir.resolve("t.jfr"))
                .start("contention.samples.transfer.TransferFixedApp", "60s")) {
            awaitOutput(app, "contention: recording to");
            Output dump = Analyzer.run("dump", "--pid", Long.toString(app.pid()));
            assertThat(dump.exitCode).as("%s", dump).isZero();
            assertThat(dump.stdout).contains("No deadlock.").containsPattern("\"transfer-[12]\" #\\d+ ");
            Output list = Analyzer.run("list");
            assertThat(list.exitCode).as("%s", list).isZero();
            assertThat(list.stdout).containsPattern("(?m)^" + app.pid()
                    + " +yes +contention\\.samples\\.transfer\\.TransferFixedApp 60s$");
        }
    }

    @Test
    void aPidThatIsGoneIsOneLineAndExitStatusOne() throws Exception {
        Process ended = new ProcessBuilder(TestJdk.current().java().toString(), "-version").start();
        ended.waitFor();
        Output dump = Analyzer.run("dump", "--pid", Long.toString(ended.pid()));
        assertThat(dump.exitCode).isEqualTo(1);
        assertThat(dump.stderr.strip()).isEqualTo("contention dump: no process with pid " + ended.pid()
                + " (it may have ended; 'contention list' shows the running JVMs)");
    }

    @Test
    void aProcessThatIsNotAJvmIsOneLineAndExitStatusOne() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "30").start();
        try {
            Output dump = Analyzer.run("dump", "--pid", Long.toString(sleep.pid()));
            assertThat(dump.exitCode).isEqualTo(1);
            assertThat(dump.stderr.strip()).matches("contention dump: pid " + sleep.pid() + " is not a JVM \\(.*sleep\\)");
        } finally {
            sleep.destroyForcibly();
        }
    }

    // The two threads deadlock within milliseconds of starting; the JVM takes a moment to start.
    private static Output dumpOnceDeadlocked(ChildJvm.Running app) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Output dump;
        do {
            Thread.sleep(500);
            dump = Analyzer.run("dump", "--pid", Long.toString(app.pid()));
        } while (dump.exitCode != 3 && System.nanoTime() < deadline && app.process.isAlive());
        return dump;
    }

    private static void awaitOutput(ChildJvm.Running app, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!app.output().contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(app.output()).contains(text);
    }
}
