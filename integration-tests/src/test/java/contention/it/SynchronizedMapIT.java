// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import contention.it.support.Analyzer;
import contention.it.support.Output;
import contention.it.support.ChildJvm;
import contention.it.support.TestJdk;
import contention.it.support.Verdicts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The LRU cache on {@code Collections.synchronizedMap}, which every lookup thread uses for nearly all its work, is
 * reported as a global lock, with its class, its field and the call site in {@code PriceCache.price}; the
 * {@code ConcurrentHashMap} twin gets no finding. On every JDK present.
 */
class SynchronizedMapIT {

    static final String SAMPLE = "contention.samples.lrucache.LruCacheApp";
    static final String FIXED = "contention.samples.lrucache.LruCacheFixedApp";
    static final String MAP_LOCK = "java.util.Collections$SynchronizedMap";
    static final String PRICE_SITE = "contention.samples.lrucache.PriceCache.price(PriceCache.java:";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void lruCacheAppReportsHotLockOnSynchronizedMap(TestJdk jdk) throws Exception {
        Path recording = dir.resolve("lru.jfr");
        ChildJvm.Result run = ChildJvm.on(jdk, dir).record(recording, SAMPLE, "4s", "8");
        assertThat(run.stdout).as("%s", run).contains("lru-cache lookups=");
        assertThat(run.agentLines()).as("%s", run)
                .contains("contention: recording to " + recording + " (written when the JVM exits)");

        JsonNode report = Analyzer.reportJson(recording);
        JsonNode lock = Analyzer.lock(report, MAP_LOCK);
        assertThat(lock).as("no %s in %s", MAP_LOCK, report.path("locks")).isNotNull();
        assertThat(lock.path("waitTimeMs").asDouble()).isGreaterThan(500);
        assertThat(lock.path("threads").asInt()).isGreaterThanOrEqualTo(4);
        JsonNode worstSite = lock.path("sites").path(0);
        assertThat(worstSite.path("frame").asText()).startsWith(PRICE_SITE);
        assertThat(worstSite.path("count").asInt()).isPositive();
        assertThat(texts(worstSite.path("stack"))).anyMatch(f -> f.startsWith("contention.samples.lrucache.LookupWorkload"));
        for (JsonNode other : report.path("locks")) {
            assertThat(other.path("waitTimeMs").asDouble()).isLessThanOrEqualTo(lock.path("waitTimeMs").asDouble());
        }
        assertNoAgentFrames(report);
        assertThat(report.path("threads")).anyMatch(t -> t.path("name").asText().startsWith("lookup-")
                && t.path("blockedMs").asDouble() > 0);

        assertThat(report.path("findings")).as("one verdict for the one lock").hasSize(1);
        JsonNode finding = report.path("findings").path(0);
        assertThat(finding.path("kind").asText()).as("findings: %s", report.path("findings"))
                .isIn(Verdicts.serializingSample(jdk));
        if (finding.path("kind").asText().equals("global-lock")) {
            assertThat(finding.path("severity").asText()).isEqualTo("critical");
            assertThat(finding.path("metrics").path("serialFraction").asDouble()).isGreaterThanOrEqualTo(0.8);
            assertThat(finding.path("metrics").path("threads").asInt()).isGreaterThanOrEqualTo(4);
        }
        assertThat(finding.path("lock").path("field").asText()).isEqualTo("contention.samples.lrucache.PriceCache.map");
        assertThat(finding.path("lock").path("class").asText()).isEqualTo(MAP_LOCK);
        assertThat(finding.path("title").asText()).contains(MAP_LOCK).contains("PriceCache.price");
        assertThat(finding.path("sites").path(0).path("frame").asText()).startsWith(PRICE_SITE);
        assertThat(finding.path("advice").asText()).contains("ConcurrentHashMap");
        assertThat(texts(finding.path("threads"))).allMatch(t -> t.startsWith("lookup-")).hasSizeGreaterThanOrEqualTo(4);

        Output text = Analyzer.run("report", recording.toString());
        assertThat(text.exitCode).as("%s", text).isZero();
        assertThat(text.stdout).contains(finding.path("title").asText()).contains(MAP_LOCK);

        Output collapsed = Analyzer.run("report", recording.toString(), "--format", "collapsed");
        assertThat(collapsed.exitCode).as("%s", collapsed).isZero();
        long mapLines = collapsed.stdout.lines()
                .filter(line -> line.matches("\\S.*;[^;]+ [1-9][0-9]*"))
                .filter(line -> line.substring(0, line.lastIndexOf(' ')).endsWith(";" + MAP_LOCK))
                .filter(line -> line.contains("contention.samples.lrucache.PriceCache.price"))
                .count();
        assertThat(mapLines).as("collapsed:\n%s", collapsed.stdout).isPositive();
        assertThat(collapsed.stdout).doesNotContain("contention.agent.");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void fixedTwinReportsNoHotLock(TestJdk jdk) throws Exception {
        Path recording = dir.resolve("fixed.jfr");
        ChildJvm.Result run = ChildJvm.on(jdk, dir).record(recording, FIXED, "4s", "8");
        assertThat(run.stdout).contains("lru-cache-fixed lookups=");

        JsonNode report = Analyzer.reportJson(recording);
        assertThat(report.path("findings")).as("findings of the fixed twin").isEmpty();
        assertThat(Analyzer.lock(report, MAP_LOCK)).isNull();
        assertThat(report.path("threads")).anyMatch(t -> t.path("name").asText().startsWith("lookup-"));
    }

    private static void assertNoAgentFrames(JsonNode report) {
        List<String> frames = new ArrayList<>();
        report.findValues("stack").forEach(stack -> frames.addAll(texts(stack)));
        report.findValues("frame").forEach(frame -> frames.add(frame.asText()));
        assertThat(frames).isNotEmpty().noneMatch(f -> f.startsWith("contention.agent."));
    }

    static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

}
