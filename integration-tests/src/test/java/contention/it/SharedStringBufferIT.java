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
 * A debug trace kept in one shared {@code StringBuffer} field is reported as a hot lock: the buffer, by the field
 * that holds it, with its sampled hold time, taken most in {@code SharedTrace.line}, and the advice to give each
 * thread a {@code StringBuilder}. The twin that does so gets no finding.
 */
class SharedStringBufferIT {

    static final String SAMPLE = "contention.samples.trace.TraceApp";
    static final String FIXED = "contention.samples.trace.TraceFixedApp";
    static final String LOCK = "java.lang.StringBuffer";
    static final String SITE = "contention.samples.trace.SharedTrace.line(SharedTrace.java:";
    static final String FIELD = "contention.samples.trace.SharedTrace.buffer";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void sharedStringBufferIsAHotLockNamedByItsField(TestJdk jdk) throws Exception {
        Path recording = dir.resolve("trace.jfr");
        ChildJvm.Result run = ChildJvm.on(jdk, dir).record(recording, SAMPLE, "4s", "8");
        assertThat(run.stdout).as("%s", run).contains("trace requests=").contains("complete=true");

        JsonNode report = Analyzer.reportJson(recording);
        List<JsonNode> hot = Analyzer.findings(report, "hot-lock");
        assertThat(hot).as("findings: %s", report.path("findings")).hasSize(1);
        JsonNode finding = hot.get(0);
        assertThat(finding.path("lock").path("class").asText()).isEqualTo(LOCK);
        assertThat(finding.path("sites").path(0).path("frame").asText()).startsWith(SITE);
        assertThat(finding.path("advice").asText()).contains("StringBuilder");
        assertThat(HotLockIT.texts(finding.path("threads"))).allMatch(t -> t.startsWith("handler-"));

        // Needs the agent: the buffer is known by the field it was stored in, with its holds sampled.
        assertThat(finding.path("lock").path("field").asText()).as("field of %s", finding.path("lock"))
                .isEqualTo(FIELD);
        JsonNode lock = SessionStoreIT.lockOf(report, finding);
        assertThat(lock.path("utilization").asDouble()).as("utilization of %s", lock)
                .isGreaterThan(0).isLessThanOrEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void stringBuilderPerThreadTwinReportsNoFinding(TestJdk jdk) throws Exception {
        Path recording = dir.resolve("trace-fixed.jfr");
        ChildJvm.Result run = ChildJvm.on(jdk, dir).record(recording, FIXED, "4s", "8");
        assertThat(run.stdout).as("%s", run).contains("trace-fixed requests=").contains("complete=true");

        JsonNode report = Analyzer.reportJson(recording);
        assertThat(report.path("findings")).as("findings of the StringBuilder twin").isEmpty();
        assertThat(report.path("threads")).anyMatch(t -> t.path("name").asText().startsWith("handler-"));
    }
}
