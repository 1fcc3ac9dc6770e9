// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import contention.it.support.Analyzer;
import contention.it.support.ChildJvm;
import contention.it.support.TestJdk;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent checks for deadlocks while the app runs, so a recording of a deadlocked app reports {@code deadlock}
 * naming both threads, the lock and where each waits, although the stuck threads themselves produce no events; the
 * twin that takes the locks in order has none.
 */
class DeadlockIT {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void twoThreadsDeadlockedOnMonitorsAreOneCriticalFinding(TestJdk jdk) throws Exception {
        JsonNode report = record(jdk, "contention.samples.transfer.TransferApp", "monitor");
        assertThat(Analyzer.findings(report, "deadlock")).as("%s", report.path("findings")).singleElement()
                .satisfies(f -> {
                    assertThat(f.path("severity").asText()).isEqualTo("critical");
                    assertThat(texts(f.path("threads"))).containsExactly("transfer-1", "transfer-2");
                    assertThat(f.path("lock").path("class").asText()).isEqualTo("contention.samples.transfer.Account");
                    assertThat(f.path("sites")).hasSize(2).allSatisfy(site -> assertThat(site.path("frame").asText())
                            .matches("contention\\.samples\\.transfer\\.Transfers\\.transfer\\(Transfers\\.java:\\d+\\)"));
                    assertThat(f.path("title").asText()).startsWith("transfer-1 and transfer-2 are deadlocked: each"
                            + " waits for a contention.samples.transfer.Account the other holds, at"
                            + " contention.samples.transfer.Transfers.transfer(Transfers.java:");
                    assertThat(f.path("advice").asText()).contains("one global order");
                });
    }

    @Test
    void twoThreadsDeadlockedOnReentrantLocksNameTheLockClass() throws Exception {
        JsonNode report = record(TestJdk.current(), "contention.samples.transfer.TransferApp", "lock");
        assertThat(Analyzer.findings(report, "deadlock")).as("%s", report.path("findings")).singleElement()
                .satisfies(f -> {
                    assertThat(texts(f.path("threads"))).containsExactly("transfer-1", "transfer-2");
                    assertThat(f.path("lock").path("class").asText())
                            .isEqualTo("java.util.concurrent.locks.ReentrantLock");
                    assertThat(f.path("sites").path(0).path("stack").path(0).asText()).isNotEmpty();
                });
    }

    @Test
    void theTwinThatOrdersItsLocksHasNone() throws Exception {
        JsonNode report = record(TestJdk.current(), "contention.samples.transfer.TransferFixedApp", "monitor");
        assertThat(Analyzer.findings(report, "deadlock")).isEmpty();
        assertThat(Analyzer.run("report", dir.resolve("deadlock.jfr").toString()).stdout)
                .doesNotContain("not checked: deadlock");
    }

    private JsonNode record(TestJdk jdk, String app, String kind) throws Exception {
        Path recording = dir.resolve("deadlock.jfr");
        ChildJvm.Result run = ChildJvm.on(jdk, dir).withAgent("file=" + recording).run(app, "3s", kind);
        assertThat(run.exitCode).as("%s", run).isZero();
        assertThat(run.stdout).as("%s", run).contains("deadlocked=" + app.endsWith("TransferApp"));
        return Analyzer.reportJson(recording);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
