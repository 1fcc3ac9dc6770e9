// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import contention.analyzer.aggregate.CacheLines;
import contention.analyzer.aggregate.Profile;
import contention.analyzer.model.AgentInfo;
import contention.analyzer.model.CacheLine;
import contention.analyzer.model.RecordingInfo;
import contention.analyzer.read.EventNames;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FalseSharingDetectorTest {

    private static final long SECOND = 1_000_000_000L;

    private static Profile profile(CacheLines lines) {
        RecordingInfo recording = new RecordingInfo("app.jfr", Instant.parse("2026-01-02T03:04:05Z"), 4 * SECOND,
                "OpenJDK 17", 2, new AgentInfo("0.1.0", ""), Set.of(EventNames.CACHE_LINE_STATS), Map.of(),
                List.of());
        return new Profile(recording, List.of(), List.of(), List.of(), List.of(), Map.of(), lines.toCacheLines());
    }

    /** Four 1 s periods of two threads writing hits and misses, 8 bytes apart, sampled 50 ms of each. */
    private static CacheLines stats(long interleavingsPerPeriod, long offsetB, boolean trueSharing) {
        CacheLines lines = new CacheLines();
        for (int i = 0; i < 4; i++) {
            lines.add("field", "com.acme.Stats", "hits", trueSharing ? "hits" : "misses", 16, offsetB,
                    "com.acme.Stats.hit(Stats.java:12)", "com.acme.Stats.miss(Stats.java:16)", 1, 1,
                    "request-1,request-2", 300_000, 290_000, 0, 0, interleavingsPerPeriod, 50_000_000L, SECOND,
                    trueSharing);
        }
        return lines;
    }

    @Test
    void twoThreadsTakingOneLineFromEachOtherAreFalseSharingWithFieldsOffsetsAndAdvice() {
        // 400,000 moves per sampled 50 ms: 8 million a second, 80 ms of line transfers a second over 2 threads: 4%.
        List<Finding> findings = new FalseSharingDetector().detect(profile(stats(400_000, 24, false)));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKind.FALSE_SHARING);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.fields()).containsExactly("com.acme.Stats.hits", "com.acme.Stats.misses");
            assertThat(f.title()).startsWith("Threads writing com.acme.Stats.hits and com.acme.Stats.misses, 8 bytes apart")
                    .contains("com.acme.Stats.hit(Stats.java:12)");
            assertThat(f.metrics()).containsEntry("distanceBytes", 8.0).containsEntry("offsetA", 16.0)
                    .containsEntry("offsetB", 24.0);
            assertThat(f.metrics().get("interleavedWritesPerSecond")).isCloseTo(8e6, within(1.0));
            assertThat(f.metrics().get("estimatedCostShare")).isCloseTo(0.04, within(1e-9));
            assertThat(f.threads()).containsExactly("request-1", "request-2");
            assertThat(f.advice()).contains("@jdk.internal.vm.annotation.Contended").contains("-XX:-RestrictContended")
                    .contains("LongAdder");
            assertThat(f.sites()).extracting(s -> s.frame()).containsExactly("com.acme.Stats.hit(Stats.java:12)",
                    "com.acme.Stats.miss(Stats.java:16)");
        });
    }

    @Test
    void oneSharedFieldIsTrueSharingNotFalseSharing() {
        assertThat(new FalseSharingDetector().detect(profile(stats(400_000, 16, true)))).isEmpty();
    }

    @Test
    void membersALineApartOrSeldomInterleavedAreNotAFinding() {
        assertThat(new FalseSharingDetector().detect(profile(stats(400_000, 16 + 128, false)))).isEmpty();
        assertThat(new FalseSharingDetector().detect(profile(stats(400_000, 16 + 64, false)))).isEmpty();
        // Under MIN_COST_SHARE: 2 threads, 1% of their time is 2 million moves a second, 100,000 per 50 ms.
        assertThat(new FalseSharingDetector().detect(profile(stats(99_000, 24, false)))).isEmpty();
        assertThat(new FalseSharingDetector().detect(profile(stats(100_000, 24, false)))).hasSize(1);
    }

    @Test
    void aWriterBesideAReaderIsFalseSharingToo() {
        CacheLines lines = new CacheLines();
        lines.add("field", "com.acme.Health", "heartbeats", "limit", 16, 24, "com.acme.Health.beat(Health.java:9)",
                "com.acme.Health.limit(Health.java:14)", 1, 1, "writer,reader", 200_000, 0, 0, 900_000, 400_000,
                50_000_000L, SECOND, false);
        assertThat(new FalseSharingDetector().detect(profile(lines))).singleElement().satisfies(f -> {
            assertThat(f.title()).startsWith("Threads writing and reading com.acme.Health.heartbeats and"
                    + " com.acme.Health.limit");
            assertThat(f.explanation()).contains("0 writes and 18,000,000 reads of the second");
        });
    }

    @Test
    void arraySlotsAreNamedBySlotAndAdvisedToSpreadOut() {
        CacheLines lines = new CacheLines();
        lines.add("array", "long[]", "[0]", "[1]", 16, 24, "com.acme.Shards.add(Shards.java:9)",
                "com.acme.Shards.add(Shards.java:9)", 1, 1, "shard-1,shard-2", 100_000, 100_000, 0, 0, 200_000,
                50_000_000L, SECOND, false);
        List<Finding> findings = new FalseSharingDetector().detect(profile(lines));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.fields()).containsExactly("long[][0]", "long[][1]");
            assertThat(f.title()).contains("slots [0] and [1] of a long[]");
            assertThat(f.sites()).hasSize(1);
            assertThat(f.advice()).contains("128 bytes apart").contains("own array");
        });
    }

    @Test
    void periodsOfOnePairAddUpAndPairsBeyondTheBoundAreCounted() {
        CacheLines lines = stats(1, 24, false);
        CacheLine line = lines.toCacheLines().get(0);
        assertThat(line.sampledWritesA()).isEqualTo(1_200_000);
        assertThat(line.sampledNanos()).isEqualTo(200_000_000L);
        assertThat(line.threadNames()).containsExactly("request-1", "request-2");
        lines.addDropped(3);
        assertThat(lines.droppedPairs()).isEqualTo(3);
    }
}
