// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import contention.it.support.Analyzer;
import contention.it.support.ChildJvm;
import contention.it.support.TestJdk;
import contention.it.support.Verdicts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sample apps whose contended lock is a monitor the app keeps in a field, each reported as one lock finding
 * named by that field, with its class, its worst site, its threads, the catalog's advice and its sampled hold time;
 * and each fixed twin reported silent:
 * <ul>
 *   <li>a session store in a {@code Hashtable} ({@code SessionApp}; twin: {@code ConcurrentHashMap}): hot lock;
 *   <li>an audit log formatting inside a {@code synchronized} block on a lock field ({@code AuditApp}; twin:
 *       per-thread buffers): global lock, the formatting being nearly all of its threads' work;
 *   <li>a debug trace in a shared {@code StringBuffer} ({@code TraceApp}; twin: a {@code StringBuilder} per thread):
 *       hot lock;
 *   <li>request logging through one {@code java.util.logging.StreamHandler} ({@code RequestLogApp}; twin: each
 *       thread formats into its own buffer, written in batches): global lock.
 * </ul>
 * The field, and the hold time, need the agent: JFR names the monitor's class only.
 */
class MonitorSamplesIT {

    /** One sample app and what its report must say. */
    record Sample(String name, String main, String fixedMain, String outputPrefix, String correctness,
            String lockClass, String site, String field, String titleMentions, String adviceMentions,
            String threadPrefix, String kind) {

        @Override
        public String toString() {
            return name;
        }
    }

    // Sample.kind: the finding expected; SERIALIZING as Verdicts.serializingSample says for the JDK; EITHER for a
    // sample whose serial fraction straddles the global-lock mark (TraceApp: 0.54 to 0.84 over runs on JDK 17 and 25).
    static final String SERIALIZING = "serializing";
    static final String EITHER = "global-lock or hot-lock";

    static final Sample SESSIONS = new Sample("Hashtable", "contention.samples.sessions.SessionApp",
            "contention.samples.sessions.SessionFixedApp", "sessions", "sessions=10000 missing=0",
            "java.util.Hashtable", "contention.samples.sessions.SessionStore.get(SessionStore.java:",
            "contention.samples.sessions.SessionStore.sessions", "SessionStore.get", "ConcurrentHashMap", "request-", "hot-lock");
    static final Sample AUDIT = new Sample("synchronized block", "contention.samples.audit.AuditApp",
            "contention.samples.audit.AuditFixedApp", "audit", "complete=true", "java.lang.Object",
            "contention.samples.audit.AuditLog.append(AuditLog.java:", "contention.samples.audit.AuditLog.lock",
            "AuditLog.append", "AuditLog.append", "clerk-", SERIALIZING);
    static final Sample TRACE = new Sample("StringBuffer", "contention.samples.trace.TraceApp",
            "contention.samples.trace.TraceFixedApp", "trace", "complete=true", "java.lang.StringBuffer",
            "contention.samples.trace.SharedTrace.line(SharedTrace.java:", "contention.samples.trace.SharedTrace.buffer",
            "SharedTrace.line", "StringBuilder", "handler-", EITHER);
    static final Sample REQUEST_LOG = new Sample("java.util.logging handler", "contention.samples.logging.RequestLogApp",
            "contention.samples.logging.RequestLogFixedApp", "request-log", "logBytes=",
            "java.util.logging.StreamHandler", "contention.samples.logging.RequestLog.served(RequestLog.java:",
            "contention.samples.logging.RequestLog.handler", "RequestLog.handler", "asynchronous", "request-",
            SERIALIZING);

    @TempDir
    Path dir;

    static List<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Sample sample : List.of(SESSIONS, AUDIT, TRACE, REQUEST_LOG)) {
            for (TestJdk jdk : TestJdk.all()) {
                cases.add(Arguments.of(sample, jdk));
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void isOneLockFindingNamedByItsField(Sample sample, TestJdk jdk) throws Exception {
        Path recording = dir.resolve(sample.outputPrefix() + ".jfr");
        ChildJvm.Result run = ChildJvm.on(jdk, dir).record(recording, sample.main(), "4s", "8");
        assertThat(run.stdout).as("%s", run).contains(sample.outputPrefix() + " ").contains(sample.correctness());

        JsonNode report = Analyzer.reportJson(recording);
        if (sample == REQUEST_LOG && jdk.feature() >= 25) {
            // JDK 25 formats the record outside the handler's lock (JDK-8349206): no lock runs the threads one at
            // a time any more, and publish, no longer synchronized, is not the agent's to time.
            assertThat(Analyzer.findings(report, "global-lock")).as("findings: %s", report.path("findings")).isEmpty();
            JsonNode handler = Analyzer.lock(report, sample.lockClass());
            assertThat(handler).as("locks: %s", report.path("locks")).isNotNull();
            assertThat(handler.path("waitTimeMs").asDouble()).isPositive(); // still a lock, for the writes
            return;
        }
        Set<String> kinds = SERIALIZING.equals(sample.kind()) ? Verdicts.serializingSample(jdk)
                : EITHER.equals(sample.kind()) ? Set.of("global-lock", "hot-lock") : Set.of(sample.kind());
        assertThat(report.path("findings")).as("one verdict for the one lock").hasSize(1);
        JsonNode finding = report.path("findings").path(0);
        assertThat(finding.path("kind").asText()).as("findings: %s", report.path("findings")).isIn(kinds);
        assertThat(finding.path("lock").path("class").asText()).isEqualTo(sample.lockClass());
        assertThat(finding.path("sites").path(0).path("frame").asText()).startsWith(sample.site());
        assertThat(finding.path("title").asText()).contains(sample.lockClass()).contains(sample.titleMentions());
        assertThat(finding.path("advice").asText()).contains(sample.adviceMentions());
        assertThat(SynchronizedMapIT.texts(finding.path("threads"))).allMatch(t -> t.startsWith(sample.threadPrefix()));
        JsonNode lock = lockOf(report, finding);
        assertThat(lock.path("sites").path(0).path("frame").asText()).startsWith(sample.site());

        // Needs the agent: the monitor's owning field and its sampled hold time.
        assertThat(finding.path("lock").path("field").asText()).as("field of %s", finding.path("lock"))
                .isEqualTo(sample.field());
        assertThat(lock.path("field").asText()).as("field of %s", lock).isEqualTo(sample.field());
        assertThat(lock.path("utilization").asDouble()).as("utilization of %s", lock)
                .isGreaterThan(0).isLessThanOrEqualTo(1);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void fixedTwinReportsNoFinding(Sample sample, TestJdk jdk) throws Exception {
        Path recording = dir.resolve(sample.outputPrefix() + "-fixed.jfr");
        ChildJvm.Result run = ChildJvm.on(jdk, dir).record(recording, sample.fixedMain(), "4s", "8");
        assertThat(run.stdout).as("%s", run).contains(sample.outputPrefix() + "-fixed ")
                .contains(sample.correctness());

        JsonNode report = Analyzer.reportJson(recording);
        assertThat(report.path("findings")).as("findings of the fixed twin").isEmpty();
        assertThat(report.path("threads")).anyMatch(t -> t.path("name").asText().startsWith(sample.threadPrefix()));
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
