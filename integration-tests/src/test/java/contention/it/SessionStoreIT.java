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
 * A session store kept in a {@code java.util.Hashtable} is reported as one hot lock, the table, taken most in
 * {@code SessionStore.get}; with the agent's {@code synchronized} instrumentation the lock also names the field the
 * table is kept in and how much of the run it was held. The {@code ConcurrentHashMap} twin gets no finding.
 */
class SessionStoreIT {

    static final String SAMPLE = "contention.samples.sessions.SessionApp";
    static final String FIXED = "contention.samples.sessions.SessionFixedApp";
    static final String LOCK = "java.util.Hashtable";
    static final String GET_SITE = "contention.samples.sessions.SessionStore.get(SessionStore.java:";
    static final String FIELD = "contention.samples.sessions.SessionStore.sessions";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void hashtableSessionStoreIsAHotLock(TestJdk jdk) throws Exception {
        Path recording = dir.resolve("sessions.jfr");
        ChildJvm.Result run = ChildJvm.on(jdk, dir).record(recording, SAMPLE, "4s", "8");
        assertThat(run.stdout).as("%s", run).contains("sessions requests=").contains("sessions=10000 missing=0");

        JsonNode report = Analyzer.reportJson(recording);
        List<JsonNode> hot = Analyzer.findings(report, "hot-lock");
        assertThat(hot).as("findings: %s", report.path("findings")).hasSize(1);
        JsonNode finding = hot.get(0);
        assertThat(finding.path("lock").path("class").asText()).isEqualTo(LOCK);
        assertThat(finding.path("sites").path(0).path("frame").asText()).startsWith(GET_SITE);
        assertThat(finding.path("title").asText()).contains(LOCK).contains("SessionStore.get");
        assertThat(finding.path("advice").asText()).contains("ConcurrentHashMap");
        assertThat(HotLockIT.texts(finding.path("threads"))).allMatch(t -> t.startsWith("request-"));
        JsonNode lock = lockOf(report, finding);
        assertThat(lock.path("sites").path(0).path("frame").asText()).startsWith(GET_SITE);

        // Needs the agent's synchronized instrumentation: the Hashtable's owning field and its sampled hold time.
        assertThat(finding.path("lock").path("field").asText()).as("field of %s", finding.path("lock"))
                .isEqualTo(FIELD);
        assertThat(lock.path("field").asText()).as("field of %s", lock).isEqualTo(FIELD);
        assertThat(lock.path("utilization").asDouble()).as("utilization of %s", lock)
                .isGreaterThan(0).isLessThanOrEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void concurrentHashMapTwinReportsNoFinding(TestJdk jdk) throws Exception {
        Path recording = dir.resolve("sessions-fixed.jfr");
        ChildJvm.Result run = ChildJvm.on(jdk, dir).record(recording, FIXED, "4s", "8");
        assertThat(run.stdout).as("%s", run).contains("sessions-fixed requests=").contains("sessions=10000 missing=0");

        JsonNode report = Analyzer.reportJson(recording);
        assertThat(report.path("findings")).as("findings of the ConcurrentHashMap twin").isEmpty();
        assertThat(report.path("threads")).anyMatch(t -> t.path("name").asText().startsWith("request-"));
    }

    /** The entry in "locks" of the lock a finding names, by its id. */
    static JsonNode lockOf(JsonNode report, JsonNode finding) {
        String id = finding.path("lock").path("id").asText();
        for (JsonNode each : report.path("locks")) {
            if (id.equals(each.path("id").asText())) {
                return each;
            }
        }
        throw new AssertionError("no lock " + id + " in " + report.path("locks"));
    }
}
