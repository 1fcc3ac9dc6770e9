// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import contention.analyzer.aggregate.Profile;
import contention.analyzer.detect.Analysis;
import contention.analyzer.detect.Detectors;
import contention.analyzer.model.Executor;
import contention.analyzer.model.RecordingInfo;
import contention.analyzer.model.ThreadActivity;
import contention.analyzer.read.EventNames;
import contention.analyzer.testing.Golden;
import contention.analyzer.testing.PoolBuilder;
import contention.analyzer.testing.Profiles;
import contention.analyzer.testing.ReportSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every renderer against golden files, over hand-built profiles (UTC, Locale.ROOT, no clock involved). */
class RenderersTest {

    private static final long SECOND = 1_000_000_000L;

    // 4 threads alive 10 s each, 16.4 s of wait on the synchronized map: a hot lock.
    private static Analysis hotLock() {
        return Detectors.analyze(Profiles.lockProfile(16_400_000_000L, 4, 10 * SECOND));
    }

    // Made by the agent, monitors at a 20 ms threshold, no jdk.JavaMonitorEnter or CPU load, cut short.
    private static Analysis partial() {
        RecordingInfo agent = Profiles.agentRecording(10 * SECOND);
        RecordingInfo recording = new RecordingInfo(agent.source(), agent.startTime(), agent.durationNanos(),
                agent.jvm(), agent.cpus(), agent.agent(), Set.of(EventNames.THREAD_PARK),
                Map.of(EventNames.THREAD_PARK, 20_000_000L),
                List.of("recording is truncated 'app.jfr'; the report covers the first 1234 events"));
        Profile profile = Profiles.lockProfile(recording, 840_000_000L, 2, 10 * SECOND);
        return Detectors.analyze(profile);
    }

    // 8 threads alive 3 s each, 20.4 s of wait on one ReentrantLock the agent timed, held 1.21 s.
    private static Analysis agentLock() {
        return Detectors.analyze(Profiles.agentLockProfile(20_400_000_000L, 8, 3 * SECOND, 1_210_000_000L));
    }

    // Three pools: one saturated that rejected work, one starving itself, one healthy; the text lists all three.
    private static Analysis executors() {
        Executor saturated = PoolBuilder.resize().parallelism(3.9).allBusyPeriods(10)
                .queueWait(PoolBuilder.latency(120_000_000L, 480_000_000L, 900_000_000L))
                .runTime(PoolBuilder.latency(15_000_000L, 40_000_000L, 60_000_000L))
                .queueDepth(10, 100).rejected(37).build();
        Executor starved = PoolBuilder.resize().id(2).name("thumbs").threads(2, 2).busyNanos(18 * SECOND)
                .blocked(2, PoolBuilder.FUTURE_GET, 14 * SECOND, 700).build();
        Executor healthy = PoolBuilder.resize().id(3).name("ForkJoinPool.commonPool").className(PoolBuilder.FJP)
                .threads(7, 7).parallelism(1.2).build();
        return Detectors.analyze(PoolBuilder.profile(saturated, starved, healthy));
    }

    @Test
    void textOfExecutorsListsEachPoolWithWhereItIsFed() throws IOException {
        String text = render(new TextRenderer(), executors());

        Golden.assertMatches("executors.txt", text);
        assertThat(text).contains("\nExecutors\n")
                .contains("CRITICAL executor-saturation: Pool resize (ThreadPoolExecutor) is saturated")
                .contains("CRITICAL executor-starvation: Pool thumbs (ThreadPoolExecutor, 2 threads) starves itself")
                .contains("submitted at " + PoolBuilder.SUBMIT_SITE)
                .doesNotContain("not checked: executor");
    }

    @Test
    void jsonOfExecutorsFollowsTheContract() throws IOException {
        String json = render(new JsonRenderer(), executors());

        Golden.assertMatches("executors.json", json);
        assertThat(ReportSchema.errors(json)).isEmpty();
        JsonNode report = new ObjectMapper().readTree(json);
        JsonNode resize = report.get("executors").get(0);
        assertThat(resize.get("name").asText()).isEqualTo("resize");
        assertThat(resize.get("class").asText()).isEqualTo(PoolBuilder.TPE);
        assertThat(resize.get("threads").asInt()).isEqualTo(4);
        assertThat(resize.get("tasks").asLong()).isEqualTo(1_000);
        assertThat(resize.get("rejected").asLong()).isEqualTo(37);
        assertThat(resize.get("effectiveParallelism").asDouble()).isEqualTo(3.9);
        assertThat(resize.get("queueWaitMs").get("p50").asDouble()).isEqualTo(125.829);
        assertThat(resize.get("runTimeMs").get("p99").asDouble()).isGreaterThan(30);
        JsonNode starvation = report.get("findings").get(1);
        assertThat(starvation.get("kind").asText()).isEqualTo("executor-starvation");
        assertThat(starvation.get("pool").get("name").asText()).isEqualTo("thumbs");
        assertThat(starvation.get("pool").get("submitSite").asText()).isEqualTo(PoolBuilder.SUBMIT_SITE);
    }

    @Test
    void textWithoutExecutorEventsHasNoExecutorsSectionAndSaysWhy() throws IOException {
        String text = render(new TextRenderer(), hotLock());

        assertThat(text).doesNotContain("\nExecutors\n")
                .contains("not checked: executor-saturation (needs contention.ExecutorStats)");
    }

    @Test
    void text() throws IOException {
        Golden.assertMatches("hot-lock.txt", render(new TextRenderer(), hotLock()));
    }

    @Test
    void textOfAPartialRecordingSaysWhatIsMissing() throws IOException {
        String text = render(new TextRenderer(), partial());

        Golden.assertMatches("partial.txt", text);
        assertThat(text).contains("not checked: hot-lock (needs jdk.JavaMonitorEnter)");
    }

    @Test
    void json() throws IOException {
        String json = render(new JsonRenderer(), hotLock());

        Golden.assertMatches("hot-lock.json", json);
        assertThat(ReportSchema.errors(json)).isEmpty();
    }

    @Test
    void jsonOfAPartialRecordingLeavesUnknownsOut() throws IOException {
        String json = render(new JsonRenderer(), partial());

        Golden.assertMatches("partial.json", json);
        assertThat(ReportSchema.errors(json)).isEmpty();
        assertThat(json).doesNotContain("null").doesNotContain("runningMs");
    }

    @Test
    void htmlIsOnePageWithTheReportAndStacksInlineAndNothingToFetch() throws IOException {
        String html = render(new HtmlRenderer(), hotLock());
        String json = render(new JsonRenderer(), hotLock());

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<canvas id=\"flame\">")
                .doesNotContain("/*DATA*/", "/*SCRIPT*/", "/*STYLE*/", "src=", "href=", "url(", "@import", "fetch(", "XMLHttpRequest");
        int start = html.indexOf("<script type=\"application/json\" id=\"data\">");
        int end = html.indexOf("</script>", start);
        String blob = html.substring(html.indexOf('>', start) + 1, end);
        assertThat(blob).doesNotContain("<").contains("\"stacks\":[[[").contains("\"schemaVersion\":1");
        // The page's report is the JSON report, the contract, whole.
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(mapper.readTree(blob).path("report")).isEqualTo(mapper.readTree(json));
    }

    @Test
    void collapsed() throws IOException {
        // ".collapsed" files are git-ignored at the root (run outputs), so this golden file is a .txt.
        Golden.assertMatches("hot-lock-collapsed.txt", render(new CollapsedRenderer(), hotLock()));
    }

    @Test
    void textOfAnAgentLockShowsWhereItWasCreatedAndHowLongItWasHeld() throws IOException {
        String text = render(new TextRenderer(), agentLock());

        Golden.assertMatches("agent-lock.txt", text);
        assertThat(text).contains("lock waits timed by the agent for: ReentrantLock")
                .contains("java.util.concurrent.locks.ReentrantLock@3")
                .contains("created at com.acme.Ledger.<init>(Ledger.java:14)")
                .contains("hold 1.21 s (40% of the run)");
    }

    @Test
    void jsonOfAnAgentLockCarriesAllocationSiteHoldAndUtilization() throws IOException {
        String json = render(new JsonRenderer(), agentLock());

        Golden.assertMatches("agent-lock.json", json);
        assertThat(ReportSchema.errors(json)).isEmpty();
    }

    @Test
    void textWrapsExplanationAndAdviceAtTheLineWidth() throws IOException {
        String text = render(new TextRenderer(), agentLock());

        List<String> findingLines = text.lines()
                .dropWhile(line -> !line.equals("Findings"))
                .takeWhile(line -> !line.isEmpty())
                .toList();
        assertThat(findingLines).hasSizeGreaterThan(4);
        // Every line but the title (kept whole, a person greps for it) fits, unless one frame alone is longer.
        assertThat(findingLines.subList(2, findingLines.size())).allSatisfy(line -> {
            assertThat(line).startsWith("      ");
            assertThat(line.length() <= TextRenderer.MAX_LINE_WIDTH || line.strip().indexOf(' ') < 0
                    || line.strip().startsWith("Advice:")).as(line).isTrue();
        });
    }

    @Test
    void wrapBreaksAtSpacesAndKeepsLongWordsWhole() {
        assertThat(TextRenderer.wrap("aaa bbb ccc", "  ", 9)).containsExactly("  aaa bbb", "  ccc");
        assertThat(TextRenderer.wrap("a com.acme.VeryLong.frame(Very.java:1) b", "  ", 12))
                .containsExactly("  a", "  com.acme.VeryLong.frame(Very.java:1)", "  b");
        assertThat(TextRenderer.wrap("", "  ", 10)).isEmpty();
    }

    @Test
    void textListsOnlyThreadsThatBlockedOrWaitedAndJsonKeepsTheRest() throws IOException {
        Profile hot = Profiles.lockProfile(16_400_000_000L, 4, 10 * SECOND);
        List<ThreadActivity> threads = new ArrayList<>(hot.threads());
        for (String busy : List.of("C2 CompilerThread0", "C1 CompilerThread0", "G1 Conc#0")) {
            threads.add(new ThreadActivity(900 + threads.size(), busy, false, 0, 0, SECOND, 10 * SECOND));
        }
        Analysis analysis = Detectors.analyze(new Profile(hot.recording(), hot.locks(), threads, hot.waitStacks()));

        String text = render(new TextRenderer(), analysis);
        String json = render(new JsonRenderer(), analysis);

        assertThat(text).contains("pool-1-thread-4").doesNotContain("CompilerThread")
                .contains("\n  3 more threads with no waits (see --format json)\n");
        assertThat(json).contains("C2 CompilerThread0", "C1 CompilerThread0", "G1 Conc#0");
        assertThat(ReportSchema.errors(json)).isEmpty();
    }

    @Test
    void textSaysWhenTheRecordingIsTooShortToJudgeAndJsonDoesNotChange() throws IOException {
        Profile shortRun = Profiles.lockProfile(12_000_000L, 2, 12_000_000L);
        Analysis analysis = Detectors.analyze(shortRun);

        assertThat(render(new TextRenderer(), analysis))
                .contains("  Note      the recording covers only 12.0 ms; too short to judge contention\n");
        assertThat(render(new TextRenderer(), hotLock())).doesNotContain("too short");
        String json = render(new JsonRenderer(), analysis);
        assertThat(json).doesNotContain("too short").doesNotContain("Note");
        assertThat(ReportSchema.errors(json)).isEmpty();
    }

    @Test
    void textSaysWhenTheRecordingHoldsNoThreadActivity() throws IOException {
        Profile idle = new Profile(Profiles.recording(10 * SECOND), List.of(), List.of(), List.of());

        String text = render(new TextRenderer(), Detectors.analyze(idle));

        assertThat(text).contains("Note      the recording holds no thread activity")
                .contains("No thread activity in the recording.")
                .doesNotContain("too short");
    }

    @Test
    void schemaRejectsWhatBreaksTheContract() {
        assertThat(ReportSchema.errors("{\"schemaVersion\": 2}")).isNotEmpty();
    }

    @Test
    void formatsByName() {
        assertThat(Format.parse("JSON")).isEqualTo(Format.JSON);
        assertThat(Format.parse("collapsed").renderer()).isInstanceOf(CollapsedRenderer.class);
        assertThat(Format.names()).isEqualTo("text, json, collapsed, html");
    }

    private static String render(Renderer renderer, Analysis analysis) throws IOException {
        StringWriter out = new StringWriter();
        renderer.render(analysis, out);
        return out.toString();
    }
}
