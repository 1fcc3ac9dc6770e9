// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import contention.it.support.Analyzer;
import contention.it.support.ChildJvm;
import contention.it.support.TestJdk;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An audit log that formats under {@code synchronized (lock)} on a plain {@code Object} field is reported as one
 * hot lock taken in {@code AuditLog.append}; with the agent's {@code synchronized} instrumentation the lock also
 * names its field and how much of the run it was held. The per-thread-buffer twin gets no finding.
 */
class AuditLogIT {

    static final String SAMPLE = "contention.samples.audit.AuditApp";
    static final String FIXED = "contention.samples.audit.AuditFixedApp";
    static final String LOCK = "java.lang.Object";
    static final String APPEND_SITE = "contention.samples.audit.AuditLog.append(AuditLog.java:";
    static final String FIELD = "contention.samples.audit.AuditLog.lock";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void synchronizedBlockOnLockFieldIsAHotLock(TestJdk jdk) throws Exception {
        Path recording = dir.resolve("audit.jfr");
        ChildJvm.Result run = ChildJvm.on(jdk, dir).record(recording, SAMPLE, "4s", "8");
        assertThat(run.stdout).as("%s", run).contains("audit entries=").contains("complete=true");

        JsonNode report = Analyzer.reportJson(recording);
        List<JsonNode> hot = Analyzer.findings(report, "hot-lock");
        assertThat(hot).as("findings: %s", report.path("findings")).hasSize(1);
        JsonNode finding = hot.get(0);
        assertThat(finding.path("lock").path("class").asText()).isEqualTo(LOCK);
        assertThat(finding.path("sites").path(0).path("frame").asText()).startsWith(APPEND_SITE);
        assertThat(finding.path("title").asText()).contains(LOCK).contains("AuditLog.append");
        assertThat(finding.path("advice").asText()).contains("AuditLog.append");
        assertThat(HotLockIT.texts(finding.path("threads"))).allMatch(t -> t.startsWith("clerk-"));
        JsonNode lock = SessionStoreIT.lockOf(report, finding);
        assertThat(lock.path("sites").path(0).path("frame").asText()).startsWith(APPEND_SITE);

        // Needs the agent's synchronized instrumentation: the monitor's owning field and its sampled hold time.
        assertThat(finding.path("lock").path("field").asText()).as("field of %s", finding.path("lock"))
                .isEqualTo(FIELD);
        assertThat(lock.path("field").asText()).as("field of %s", lock).isEqualTo(FIELD);
        assertThat(lock.path("utilization").asDouble()).as("utilization of %s", lock)
                .isGreaterThan(0).isLessThanOrEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void perThreadBuffersTwinReportsNoFinding(TestJdk jdk) throws Exception {
        Path recording = dir.resolve("audit-fixed.jfr");
        ChildJvm.Result run = ChildJvm.on(jdk, dir).record(recording, FIXED, "4s", "8");
        assertThat(run.stdout).as("%s", run).contains("audit-fixed entries=").contains("complete=true");

        JsonNode report = Analyzer.reportJson(recording);
        assertThat(report.path("findings")).as("findings of the per-thread twin").isEmpty();
        assertThat(report.path("threads")).anyMatch(t -> t.path("name").asText().startsWith("clerk-"));
    }
}
