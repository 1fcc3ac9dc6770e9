// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.it;

import static org.assertj.core.api.Assertions.assertThat;

import contention.it.support.Analyzer;
import contention.it.support.ChildJvm;
import contention.it.support.Output;
import contention.it.support.TestJdk;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code contention top --once} and {@code --iterations} against running child JVMs, fed by JFR event streaming
 * over JMX: with the agent, the serializing map leads the locks and its warning is the banner, and the lookup pool
 * is listed; without it, the JVM's own monitor events still show the lock, and the screen says what is missing.
 */
class TopIT {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void withTheAgentTheBusyMapLeadsAndItsPoolIsListed(TestJdk jdk) throws Exception {
        try (ChildJvm.Running app = ChildJvm.on(jdk, dir).withAgent("file=" + dir.resolve("top.jfr"))
                .start("contention.samples.lrucache.LruCacheApp", "60s", "8")) {
            awaitOutput(app, "contention: WARNING global lock fallback:"); // before top: it looks back for warnings
            Output top = Analyzer.run("top", "--pid", Long.toString(app.pid()), "--iterations", "2", "--interval",
                    "1500ms");
            assertThat(top.exitCode).as("%s", top).isZero();
            String last = top.stdout.substring(top.stdout.lastIndexOf("contention top: pid " + app.pid()));
            assertThat(last).contains("contention.samples.lrucache.LruCacheApp 60s 8")
                    .contains("Locks by wait in the last")
                    .containsPattern("(?m)^ +[0-9.]+ [a-z]+ +\\d+ +\\d+ +\\d+%  java\\.util\\.Collections\\$SynchronizedMap in"
                            + " contention\\.samples\\.lrucache\\.PriceCache\\.map$")
                    .contains("Pools").containsPattern("(?m)^  lookup +8 ")
                    .containsPattern("Threads: \\d+ [A-Z_]+");
            assertThat(top.stdout).contains("!! contention: WARNING global lock fallback:"
                    + " java.util.Collections$SynchronizedMap contention.samples.lrucache.PriceCache.map serializes");
        }
    }

    private static void awaitOutput(ChildJvm.Running app, String text) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (!app.output().contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(app.output()).contains(text);
    }

    @Test
    void withoutTheAgentTheJvmsOwnEventsStillShowTheLock() throws Exception {
        try (ChildJvm.Running app = ChildJvm.on(TestJdk.current(), dir).start(
                "contention.samples.lrucache.LruCacheApp", "60s", "8")) {
            Thread.sleep(1000);
            Output top = Analyzer.run("top", "--pid", Long.toString(app.pid()), "--once", "--interval", "2s");
            assertThat(top.stdout).doesNotContain("jdk.jfr.");
            assertThat(top.exitCode).as("%s", top).isZero();
            assertThat(top.stdout).contains("The agent is not loaded")
                    .containsPattern("java\\.util\\.Collections\\$SynchronizedMap waited for at"
                            + " contention\\.samples\\.lrucache\\.PriceCache\\.price\\(\\d+\\)");
        }
    }
}
