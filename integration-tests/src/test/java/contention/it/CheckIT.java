// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.it;

import static org.assertj.core.api.Assertions.assertThat;

import contention.it.support.Analyzer;
import contention.it.support.ChildJvm;
import contention.it.support.Output;
import contention.it.support.TestJdk;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code contention check} as a CI gate and a probe: a recording of the serializing cache is unhealthy (exit 1,
 * the global lock named), its fixed twin healthy (exit 0), a deadlocked JVM checked live is unhealthy, and what
 * cannot be checked exits 2.
 */
class CheckIT {

    @TempDir
    Path dir;

    @Test
    void aGlobalLockIsUnhealthyAndTheFixedTwinHealthy() throws Exception {
        Path problem = dir.resolve("problem.jfr");
        ChildJvm.on(TestJdk.current(), dir).withAgent("file=" + problem)
                .record(problem, "contention.samples.lrucache.LruCacheApp", "4s", "8");
        // The map's waiters spend most of their time waiting whatever the machine's load; the global-lock verdict
        // needs a quiet machine (GlobalLockIT), so its line is asserted when the report has the finding.
        Output unhealthy = Analyzer.run("check", problem.toString(), "--max-lock-wait-ratio", "0.2");
        assertThat(unhealthy.exitCode).as("%s", unhealthy).isEqualTo(1);
        assertThat(unhealthy.stdout).containsPattern("unhealthy: lock wait ratio 0\\.\\d\\d above 0\\.20");
        if (!Analyzer.findings(Analyzer.reportJson(problem), "global-lock").isEmpty()) {
            assertThat(unhealthy.stdout).contains("unhealthy: global lock (more than 0 allowed):")
                    .contains("contention.samples.lrucache.PriceCache.map");
            assertThat(Analyzer.run("check", problem.toString()).exitCode).isEqualTo(1);
        }

        Path fixed = dir.resolve("fixed.jfr");
        ChildJvm.on(TestJdk.current(), dir).withAgent("file=" + fixed)
                .record(fixed, "contention.samples.lrucache.LruCacheFixedApp", "4s", "8");
        Output healthy = Analyzer.run("check", fixed.toString(), "--max-lock-wait-ratio", "0.2",
                "--max-queue-wait-p99", "1s");
        assertThat(healthy.exitCode).as("%s", healthy).isZero();
        assertThat(healthy.stdout).startsWith("healthy: " + fixed);
    }

    @Test
    void aDeadlockedJvmCheckedLiveIsUnhealthy() throws Exception {
        try (ChildJvm.Running app = ChildJvm.on(TestJdk.current(), dir).start(
                "contention.samples.transfer.TransferApp", "60s")) {
            Thread.sleep(1000);
            Output check = Analyzer.run("check", "--pid", Long.toString(app.pid()), "-d", "3s");
            assertThat(check.exitCode).as("%s", check).isEqualTo(1);
            assertThat(check.stdout).startsWith("unhealthy: deadlock (more than 0 allowed): transfer-1 and transfer-2"
                    + " are deadlocked");
        }
    }

    @Test
    void whatCannotBeCheckedExitsTwo() throws Exception {
        Output missing = Analyzer.run("check", dir.resolve("none.jfr").toString());
        assertThat(missing.exitCode).isEqualTo(2);
        assertThat(missing.stderr.strip()).startsWith("contention check: could not check: ").doesNotContain("\n");

        Path jfrOnly = dir.resolve("jfr-only.jfr"); // JDK events, no agent: global locks cannot be judged
        ChildJvm.on(TestJdk.current(), dir).jvmArg("-XX:StartFlightRecording:filename=" + jfrOnly)
                .run("contention.samples.lrucache.LruCacheFixedApp", "2s", "2");
        Output noAgent = Analyzer.run("check", jfrOnly.toString());
        assertThat(noAgent.exitCode).as("%s", noAgent).isEqualTo(2);
        assertThat(noAgent.stderr).contains("could not check: global-lock needs contention.LockStats");

        Output gone = Analyzer.run("check", "--pid", "999999999");
        assertThat(gone.exitCode).isEqualTo(2);
        assertThat(gone.stderr.strip()).startsWith("contention check: could not check: no process with pid 999999999");
    }
}
