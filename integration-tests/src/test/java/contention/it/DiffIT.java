// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import contention.it.support.Analyzer;
import contention.it.support.ChildJvm;
import contention.it.support.Output;
import contention.it.support.TestJdk;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code contention diff} on LruCacheApp and its ConcurrentHashMap twin: from the problem to the fix the
 * global-lock finding is gone and the map's wait falls to nothing; the other way round it is new and
 * {@code --fail-on-regression} exits 3, while the fix compared with itself passes.
 */
class DiffIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MAP = "java.util.Collections$SynchronizedMap in contention.samples.lrucache.PriceCache.map";

    @TempDir
    Path dir;

    @Test
    void theFixRemovesTheGlobalLockAndTheProblemIsARegression() throws Exception {
        Path problem = dir.resolve("lru.jfr");
        Path fixed = dir.resolve("lru-fixed.jfr");
        ChildJvm.Result run = ChildJvm.on(TestJdk.current(), dir).record(problem, SynchronizedMapIT.SAMPLE, "6s", "8");
        assertThat(run.stdout).as("%s", run).contains("lru-cache lookups=");
        run = ChildJvm.on(TestJdk.current(), dir).record(fixed, SynchronizedMapIT.FIXED, "6s", "8");
        assertThat(Files.exists(fixed)).as("%s", run).isTrue();

        Output better = Analyzer.run("diff", problem.toString(), fixed.toString(), "--format", "json",
                "--fail-on-regression", "10");
        assertThat(better.exitCode).as("%s", better).isZero();
        JsonNode diff = JSON.readTree(better.stdout);
        // global-lock on a quiet machine, hot-lock on a loaded one.
        assertThat(diff.path("goneFindings")).anyMatch(f -> f.path("kind").asText().endsWith("-lock")
                && f.path("title").asText().contains("PriceCache.map"));
        assertThat(diff.path("newFindings")).isEmpty();
        assertThat(diff.path("regressions")).isEmpty();
        assertThat(diff.path("waitTimeMsAfter").asDouble()).isLessThan(diff.path("waitTimeMsBefore").asDouble() / 10);
        JsonNode map = null;
        for (JsonNode lock : diff.path("locks")) {
            if (lock.path("name").asText().startsWith(MAP)) {
                map = lock;
            }
        }
        assertThat(map).as("%s", diff.path("locks")).isNotNull();
        assertThat(map.path("waitTimeMsBefore").asDouble()).isGreaterThan(500);
        assertThat(map.path("waitTimeMsAfter").asDouble()).isZero();
        assertThat(map.path("utilizationBefore").asDouble()).isGreaterThan(0.5);
        assertThat(diff.path("sites").path(0).path("name").asText()).startsWith(SynchronizedMapIT.PRICE_SITE);

        Output worse = Analyzer.run("diff", fixed.toString(), problem.toString(), "--fail-on-regression", "10");
        assertThat(worse.exitCode).as("%s", worse).isEqualTo(3);
        assertThat(worse.stdout).contains("Findings new", "-lock: ", "PriceCache.map");
        assertThat(worse.stderr).contains("contention diff: regression: new finding ");

        Output same = Analyzer.run("diff", fixed.toString(), fixed.toString(), "--fail-on-regression", "0");
        assertThat(same.exitCode).as("%s", same).isZero();
        assertThat(same.stdout).contains("Findings gone: none", "Findings new: none");

        Path html = dir.resolve("diff.html");
        Output page = Analyzer.run("diff", problem.toString(), fixed.toString(), "--format", "html", "-o", html.toString());
        assertThat(page.exitCode).as("%s", page).isZero();
        assertThat(Files.readString(html)).contains("contention diff", "global-lock").doesNotContain("/*DATA*/");
    }
}
