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
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A {@code static synchronized} id generator is reported as a global lock: the class's monitor taken by that
 * method, not "java.lang.Class"; its {@code AtomicLong} twin gets no finding.
 */
class StaticSynchronizedIT {

    static final String SAMPLE = "contention.samples.idgen.OrderIdApp";
    static final String FIXED = "contention.samples.idgen.OrderIdFixedApp";
    static final String MONITOR = "contention.samples.idgen.OrderIds.class";
    static final String METHOD = "static synchronized contention.samples.idgen.OrderIds.next";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void staticSynchronizedGeneratorIsNamedAsSuch(TestJdk jdk) throws Exception {
        Path recording = dir.resolve("ids.jfr");
        ChildJvm.Result run = ChildJvm.on(jdk, dir).record(recording, SAMPLE, "4s", "8");
        assertThat(run.stdout).contains("order-ids orders=");

        JsonNode report = Analyzer.reportJson(recording);
        JsonNode lock = Analyzer.lock(report, MONITOR);
        assertThat(lock).as("locks: %s", report.path("locks")).isNotNull();
        assertThat(lock.path("field").asText()).isEqualTo(METHOD);
        assertThat(lock.path("sites").path(0).path("frame").asText())
                .startsWith("contention.samples.idgen.OrderIds.next(OrderIds.java:");
        assertThat(Analyzer.lock(report, "java.lang.Class")).isNull();

        // Formatting each id inside the lock puts nearly all of every thread's work under one JVM-wide monitor.
        assertThat(report.path("findings")).as("one verdict for the one lock").hasSize(1);
        JsonNode finding = report.path("findings").path(0);
        assertThat(finding.path("kind").asText()).as("findings: %s", report.path("findings"))
                .isIn(Verdicts.serializingSample(jdk));
        assertThat(finding.path("lock").path("class").asText()).isEqualTo(MONITOR);
        assertThat(finding.path("lock").path("field").asText()).isEqualTo(METHOD);
        assertThat(finding.path("title").asText()).contains(METHOD).doesNotContain("java.lang.Class");
        assertThat(finding.path("advice").asText()).contains(METHOD).contains("AtomicLong");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void atomicTwinReportsNoFinding(TestJdk jdk) throws Exception {
        Path recording = dir.resolve("atomic.jfr");
        ChildJvm.Result run = ChildJvm.on(jdk, dir).record(recording, FIXED, "4s", "8");
        assertThat(run.stdout).contains("order-ids-fixed orders=");

        JsonNode report = Analyzer.reportJson(recording);
        assertThat(report.path("findings")).as("findings of the AtomicLong twin").isEmpty();
        assertThat(Analyzer.lock(report, MONITOR)).isNull();
    }
}
