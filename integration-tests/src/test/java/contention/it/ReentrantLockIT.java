// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import contention.it.fixtures.LockSemanticsMain;
import contention.it.fixtures.ReadWriteAndPermitsMain;
import contention.it.support.Analyzer;
import contention.it.support.Output;
import contention.it.support.ChildJvm;
import contention.it.support.TestJdk;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A ledger behind one fair {@code ReentrantLock} is reported as a hot lock with its allocation site, wait, hold and
 * utilization as the agent timed them; the striped twin, whose waits spread over 64 locks, gets no finding. The
 * money is conserved either way: the agent does not change what the app computes.
 */
class ReentrantLockIT {

    static final String SAMPLE = "contention.samples.ledger.LedgerApp";
    static final String FIXED = "contention.samples.ledger.LedgerFixedApp";
    static final String LOCK = "java.util.concurrent.locks.ReentrantLock";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void fairLedgerLockIsAHotLockWithItsAllocationSite(TestJdk jdk) throws Exception {
        Path recording = dir.resolve("ledger.jfr");
        ChildJvm.Result run = ChildJvm.on(jdk, dir).record(recording, SAMPLE, "4s", "8");
        assertThat(run.stdout).contains("ledger transfers=").contains("conserved=true");

        JsonNode report = Analyzer.reportJson(recording);
        JsonNode lock = null;
        for (JsonNode each : report.path("locks")) {
            if (LOCK.equals(each.path("class").asText())
                    && each.path("allocationSite").asText().startsWith("contention.samples.ledger.Ledger.<init>(Ledger.java:")) {
                lock = each;
            }
        }
        assertThat(lock).as("the ledger's lock in %s", report.path("locks")).isNotNull();
        assertThat(lock.path("id").asText()).startsWith(LOCK + "@");
        assertThat(lock.path("field").asText()).isEqualTo("contention.samples.ledger.Ledger.lock");
        assertThat(lock.path("waitTimeMs").asDouble()).isGreaterThan(1_000);
        assertThat(lock.path("waitCount").asLong()).isGreaterThan(1_000);
        assertThat(lock.path("holdTimeMs").asDouble()).isPositive();
        assertThat(lock.path("utilization").asDouble()).isGreaterThan(0).isLessThanOrEqualTo(1);
        assertThat(lock.path("threads").asInt()).isGreaterThanOrEqualTo(4);
        assertThat(lock.path("sites").path(0).path("frame").asText())
                .startsWith("contention.samples.ledger.Ledger.transfer(Ledger.java:");
        List<String> frames = SynchronizedMapIT.texts(lock.path("sites").path(0).path("stack"));
        assertThat(frames).isNotEmpty().noneMatch(f -> f.startsWith("contention.agent."));
        assertThat(frames).anyMatch(f -> f.startsWith("java.util.concurrent.locks.ReentrantLock.lock("));

        List<JsonNode> hot = Analyzer.findings(report, "hot-lock");
        assertThat(hot).as("findings: %s", report.path("findings")).hasSize(1);
        JsonNode finding = hot.get(0);
        assertThat(finding.path("lock").path("class").asText()).isEqualTo(LOCK);
        assertThat(finding.path("lock").path("allocationSite").asText())
                .startsWith("contention.samples.ledger.Ledger.<init>(Ledger.java:");
        assertThat(finding.path("lock").path("field").asText()).isEqualTo("contention.samples.ledger.Ledger.lock");
        assertThat(finding.path("title").asText()).contains(LOCK).contains("Ledger.transfer")
                .contains("contention.samples.ledger.Ledger.lock");
        assertThat(SynchronizedMapIT.texts(finding.path("threads"))).allMatch(t -> t.startsWith("teller-"));
        assertThat(finding.path("advice").asText()).contains("It is a fair lock").contains("non-fair");

        Output collapsed = Analyzer.run("report", recording.toString(), "--format", "collapsed");
        assertThat(collapsed.stdout).contains("contention.samples.ledger.Ledger.transfer")
                .doesNotContain("contention.agent.");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void lockBehavesExactlyAsWithoutTheAgent(TestJdk jdk) throws Exception {
        String fixtures = Paths.get(LockSemanticsMain.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI()).toString();
        ChildJvm.Result without = ChildJvm.on(jdk, dir).classPath(fixtures)
                .run(LockSemanticsMain.class.getName(), "1500");
        Path recording = dir.resolve("semantics.jfr");
        ChildJvm.Result with = ChildJvm.on(jdk, dir).classPath(fixtures).withAgent("file=" + recording)
                .run(LockSemanticsMain.class.getName(), "1500");
        assertThat(without.exitCode).as("%s", without).isZero();
        assertThat(with.exitCode).as("%s", with).isZero();
        assertThat(with.stdout).isEqualTo(without.stdout);
        assertThat(with.stdout).contains(
                "unfair.reentrantHoldCount=2", "fair.unlockWithoutHolding=IllegalMonitorStateException",
                "fair.timedTryLockWhileHeld=false, waited>=50ms=true",
                "unfair.lockInterruptiblyInterrupted=InterruptedException, held=false, interruptedAfter=false",
                "fair.waiterInterruptedWhileQueued=InterruptedException", "fair.queueLength=1",
                "unfair.conditionSignalled=true, holdCount=1", "fair.awaitTimesOut=false",
                "unfair.exceptionUnderLock=thrown under the lock, locked=false", "done");
        assertThat(with.agentLines()).as("%s", with).noneMatch(line -> line.contains("could not"));

        // The advice did run: the timed tryLock that gave up after 50 ms, twice, is in the recording.
        JsonNode report = Analyzer.reportJson(recording);
        double mainWaitMs = 0;
        for (JsonNode each : report.path("locks")) {
            for (JsonNode site : each.path("sites")) {
                if (site.path("frame").asText().startsWith(LockSemanticsMain.class.getName() + ".main(")) {
                    mainWaitMs += site.path("waitTimeMs").asDouble();
                }
            }
        }
        assertThat(mainWaitMs).as("waits of main in %s", report.path("locks")).isGreaterThanOrEqualTo(90);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void readWriteLocksAndSemaphoresAreTimedPerInstance(TestJdk jdk) throws Exception {
        String fixtures = Paths.get(ReadWriteAndPermitsMain.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI()).toString();
        Path recording = dir.resolve("rw.jfr");
        ChildJvm.Result run = ChildJvm.on(jdk, dir).classPath(fixtures)
                .record(recording, ReadWriteAndPermitsMain.class.getName(), "1500", "1500");
        assertThat(run.stdout).contains("done");

        JsonNode report = Analyzer.reportJson(recording);
        String owner = ReadWriteAndPermitsMain.class.getName();
        JsonNode table = lockWithField(report, owner + ".TABLE");
        JsonNode connections = lockWithField(report, owner + ".CONNECTIONS");
        assertThat(table.path("class").asText()).isEqualTo("java.util.concurrent.locks.ReentrantReadWriteLock");
        assertThat(connections.path("class").asText()).isEqualTo("java.util.concurrent.Semaphore");
        assertThat(table.path("allocationSite").asText()).startsWith(owner + ".<clinit>(");
        for (JsonNode lock : List.of(table, connections)) {
            assertThat(lock.path("waitTimeMs").asDouble()).as("%s", lock).isPositive();
            assertThat(lock.path("waitCount").asLong()).as("%s", lock).isPositive();
            assertThat(lock.path("sites").path(0).path("frame").asText()).as("%s", lock).startsWith(owner + ".lambda$");
        }
    }

    private static JsonNode lockWithField(JsonNode report, String field) {
        for (JsonNode each : report.path("locks")) {
            if (field.equals(each.path("field").asText())) {
                return each;
            }
        }
        throw new AssertionError("no lock in field " + field + " in " + report.path("locks"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void stripedTwinReportsNoFinding(TestJdk jdk) throws Exception {
        Path recording = dir.resolve("striped.jfr");
        ChildJvm.Result run = ChildJvm.on(jdk, dir).record(recording, FIXED, "4s", "8");
        assertThat(run.stdout).contains("ledger-fixed transfers=").contains("conserved=true");

        JsonNode report = Analyzer.reportJson(recording);
        assertThat(report.path("findings")).as("findings of the striped twin").isEmpty();
        long stripes = 0;
        for (JsonNode each : report.path("locks")) {
            if (each.path("allocationSite").asText().startsWith("contention.samples.ledger.StripedLedger.<init>(")) {
                assertThat(each.path("field").asText()).isEqualTo("contention.samples.ledger.StripedLedger.stripes[]");
                stripes++;
            }
        }
        assertThat(stripes).as("the stripes are told apart: %s", report.path("locks")).isGreaterThan(1);
    }
}
