// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import contention.it.support.Analyzer;
import contention.it.support.ChildJvm;
import contention.it.support.Output;
import contention.it.support.TestJdk;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report of a real recording (LruCacheApp's synchronized map), opened in headless Chromium: it renders with
 * no console error, shows the finding and a non-empty flame graph, and fetches nothing. Skipped, saying so, where
 * no Chromium is installed ({@code .ci/run} installs Debian's {@code chromium}).
 */
class HtmlReportIT {

    private static final Path SCREENSHOT = Paths.get("target", "html-report.png").toAbsolutePath();
    private static final long BROWSER_SECONDS = 60;

    @TempDir
    Path dir;

    @Test
    void theHtmlReportRendersTheFindingAndTheFlameGraphInABrowser() throws Exception {
        String chromium = chromium();
        if (chromium == null) {
            System.err.println("HtmlReportIT: SKIPPED: no chromium on PATH (apt-get install chromium)");
        }
        assumeTrue(chromium != null, "no chromium on PATH: the browser test is skipped");

        Path recording = dir.resolve("lru.jfr");
        ChildJvm.Result run = ChildJvm.on(TestJdk.current(), dir)
                .record(recording, SynchronizedMapIT.SAMPLE, "5s", "8");
        assertThat(run.stdout).as("%s", run).contains("lru-cache lookups=");
        Path html = dir.resolve("report.html");
        Output output = Analyzer.run("report", recording.toString(), "--format", "html", "-o", html.toString());
        assertThat(output.exitCode).as("%s", output).isZero();
        String page = Files.readString(html);
        assertThat(page).doesNotContain("src=", "href=", "url(", "@import");

        Output dom = browse(chromium, html, "--dump-dom");
        assertThat(dom.exitCode).as("%s", dom.stderr).isZero();
        assertThat(consoleErrors(dom.stderr)).as("console: %s", dom.stderr).isEmpty();
        assertThat(dom.stdout).as("script ran to the end").contains("data-rendered=\"true\"");
        // global-lock on a quiet machine, hot-lock when others load it (a load average of 16 on 2 CPUs did).
        assertThat(dom.stdout).containsPattern("class=\"finding (critical|warning)\"")
                .containsPattern("(global|hot)-lock: ").contains("java.util.Collections$SynchronizedMap");
        Matcher frames = Pattern.compile("data-frames=\"(\\d+)\"").matcher(dom.stdout);
        assertThat(frames.find()).as("flame graph drawn").isTrue();
        assertThat(Integer.parseInt(frames.group(1))).as("flame graph frames").isGreaterThan(5);
        assertThat(dom.stdout).contains("<table>", "lookup-");

        Files.createDirectories(SCREENSHOT.getParent());
        Files.deleteIfExists(SCREENSHOT);
        Output shot = browse(chromium, html, "--screenshot=" + SCREENSHOT, "--window-size=1400,2400");
        assertThat(shot.exitCode).as("%s", shot.stderr).isZero();
        assertThat(Files.size(SCREENSHOT)).as("screenshot %s", SCREENSHOT).isGreaterThan(10_000);
    }

    /**
     * Console messages Chromium logs with {@code --enable-logging=stderr}: all at INFO whatever their level, so
     * any one counts (the page logs nothing itself), uncaught exceptions included.
     */
    private static List<String> consoleErrors(String stderr) {
        List<String> errors = new ArrayList<>();
        for (String line : stderr.split("\n")) {
            if (line.contains(":CONSOLE")) {
                errors.add(line);
            }
        }
        return errors;
    }

    private Output browse(String chromium, Path html, String... action) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--disable-gpu", "--no-sandbox",
                "--enable-logging=stderr", "--v=0", "--user-data-dir=" + dir.resolve("profile")));
        command.addAll(List.of(action));
        command.add(html.toUri().toString());
        Path out = dir.resolve("chromium.out");
        Path err = dir.resolve("chromium.err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(BROWSER_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish in " + BROWSER_SECONDS + " s: " + Files.readString(err));
        }
        return new Output(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String chromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dirName : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (Files.isExecutable(Paths.get(dirName, name))) {
                    return Paths.get(dirName, name).toString();
                }
            }
        }
        return null;
    }
}
