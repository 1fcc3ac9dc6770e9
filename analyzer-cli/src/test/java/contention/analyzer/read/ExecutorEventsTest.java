// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.read;

import static contention.analyzer.testing.ExecutorScenario.BLOCKED_MILLIS;
import static contention.analyzer.testing.ExecutorScenario.BUSY_NANOS_EACH;
import static contention.analyzer.testing.ExecutorScenario.GET_SITE;
import static contention.analyzer.testing.ExecutorScenario.METHOD;
import static contention.analyzer.testing.ExecutorScenario.OTHER_SUBMITS;
import static contention.analyzer.testing.ExecutorScenario.OTHER_SUBMIT_SITE;
import static contention.analyzer.testing.ExecutorScenario.POOL_ID;
import static contention.analyzer.testing.ExecutorScenario.SUBMITS;
import static contention.analyzer.testing.ExecutorScenario.SUBMIT_SITE;
import static contention.analyzer.testing.ExecutorScenario.WEIGHT;
import static org.assertj.core.api.Assertions.assertThat;

import contention.analyzer.aggregate.BucketHistograms;
import contention.analyzer.aggregate.Profile;
import contention.analyzer.detect.Detectors;
import contention.analyzer.model.Executor;
import contention.analyzer.render.JsonRenderer;
import contention.analyzer.testing.ExecutorScenario;
import contention.analyzer.testing.ReportSchema;
import contention.analyzer.testing.TestRecordings;
import java.io.StringWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent's {@code contention.ExecutorStats}, {@code contention.TaskSubmit} and {@code contention.PoolBlocked}
 * events, read from a recording that holds exactly the {@link ExecutorScenario}'s events.
 */
class ExecutorEventsTest {

    private static final long MS = 1_000_000L;
    private static Profile profile;

    @BeforeAll
    static void read() throws Exception {
        profile = RecordingReader.read(TestRecordings.executorScenario(), "executor-scenario.jfr");
    }

    @Test
    void statisticsAddUpPerPool() {
        Executor pool = pool(POOL_ID);

        assertThat(pool.name()).isEqualTo(ExecutorScenario.POOL_NAME);
        assertThat(pool.className()).isEqualTo(ExecutorScenario.POOL_CLASS);
        assertThat(pool.creationSite()).isEqualTo(ExecutorScenario.CREATION_SITE);
        assertThat(pool.creationStack()).hasSize(2);
        assertThat(pool.submitted()).isEqualTo(20);
        assertThat(pool.completed()).isEqualTo(16);
        assertThat(pool.rejected()).isEqualTo(2);
        assertThat(pool.busyNanos()).isEqualTo(2 * BUSY_NANOS_EACH);
        assertThat(pool.threadLimit()).isEqualTo(4);
        assertThat(pool.periods()).extracting(Executor.Period::queueDepth).containsExactly(2, 30);
        assertThat(pool.maxQueueDepth()).isEqualTo(31);
        assertThat(pool.queueWait().count()).isEqualTo(26);
        assertThat(pool.queueWait().p50Nanos()).isEqualTo(BucketHistograms.midpoint(9));
        assertThat(pool.queueWait().maxNanos()).isEqualTo(BucketHistograms.midpoint(40));
        assertThat(pool.runTime().count()).isEqualTo(5);
        assertThat(profile.recording().has(EventNames.EXECUTOR_STATS)).isTrue();
    }

    @Test
    void submitSitesAreWeightedAndStartBelowTheAgentsFrames() {
        Executor pool = pool(POOL_ID);

        assertThat(pool.submitSites()).hasSize(2);
        assertThat(pool.submitSites().get(0).frame()).startsWith(SUBMIT_SITE);
        assertThat(pool.submitSites().get(0).count()).isEqualTo((long) SUBMITS * WEIGHT);
        assertThat(pool.submitSites().get(1).frame()).startsWith(OTHER_SUBMIT_SITE);
        assertThat(pool.submitSites().get(1).count()).isEqualTo((long) OTHER_SUBMITS * WEIGHT);
    }

    @Test
    void blockedWaitsTakeTheEventsDurationWithoutAWaitField() {
        Executor pool = pool(POOL_ID);

        assertThat(pool.blockedWaits()).singleElement().satisfies(wait -> {
            assertThat(wait.awaitedPoolId()).isEqualTo(POOL_ID);
            assertThat(wait.method()).isEqualTo(METHOD);
            assertThat(wait.count()).isEqualTo(1);
            assertThat(wait.waitNanos()).isGreaterThanOrEqualTo(BLOCKED_MILLIS * MS);
        });
        assertThat(pool.blockedSites()).singleElement().satisfies(site -> {
            assertThat(site.frame()).startsWith(GET_SITE);
            assertThat(site.stack()).noneMatch(frame -> frame.startsWith("contention.agent."));
        });
        assertThat(pool.blockedThreads()).containsExactly("resize-1");
    }

    @Test
    void aPoolWithOnlyItsIdIsKeptWithUnknownSizes() {
        Executor bare = pool(8);

        assertThat(bare.name()).isEqualTo("pool#8");
        assertThat(bare.className()).isEqualTo("unknown");
        assertThat(bare.bounded()).isFalse();
        assertThat(bare.queueWait().isEmpty()).isTrue();
    }

    @Test
    void theReportFollowsTheContract() throws Exception {
        StringWriter json = new StringWriter();
        new JsonRenderer().render(Detectors.analyze(profile), json);

        assertThat(ReportSchema.errors(json.toString())).isEmpty();
        assertThat(json.toString()).contains("\"name\" : \"resize\"");
    }

    private static Executor pool(long id) {
        return profile.executors().stream()
                .filter(pool -> pool.id() == id)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no pool " + id + " in " + profile.executors()));
    }
}
