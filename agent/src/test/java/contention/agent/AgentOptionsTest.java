// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentOptionsTest {

    @TempDir
    Path dir;

    @Test
    void noOptionsGiveDefaultsAndADefaultFileInTheWorkingDirectory() {
        AgentOptions options = AgentOptions.parse(null);
        assertThat(options.problems()).isEmpty();
        assertThat(options.monitorThreshold()).isEqualTo(Duration.ZERO);
        assertThat(options.parkThreshold()).isEqualTo(Duration.ofMillis(1));
        assertThat(options.samplePeriod()).isEqualTo(Duration.ofMillis(20));
        assertThat(options.file().getParent()).isEqualTo(Path.of("").toAbsolutePath());
        assertThat(options.file().getFileName().toString())
                .matches("contention-" + ProcessHandle.current().pid() + "-\\d{8}-\\d{6}\\.jfr");
        assertThat(options.globalLockWarning()).isEqualTo(AgentOptions.WarningOutput.STDERR);
        assertThat(options.globalLockWarningFile()).isNull();
    }

    @Test
    void everyKeyIsRead() {
        Path file = dir.resolve("app.jfr");
        AgentOptions options = AgentOptions.parse(
                "file=" + file + ", monitor-threshold=250us,park-threshold=5ms,sample-period=10ms");
        assertThat(options.problems()).isEmpty();
        assertThat(options.file()).isEqualTo(file);
        assertThat(options.monitorThreshold()).isEqualTo(Duration.ofNanos(250_000));
        assertThat(options.parkThreshold()).isEqualTo(Duration.ofMillis(5));
        assertThat(options.samplePeriod()).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void durationIsUntilExitByDefaultAndZeroOrBadKeepsThat() {
        assertThat(AgentOptions.parse("").duration()).isNull();
        assertThat(AgentOptions.parse("duration=30s").duration()).isEqualTo(Duration.ofSeconds(30));
        AgentOptions zero = AgentOptions.parse("duration=0");
        assertThat(zero.duration()).isNull();
        assertThat(zero.problems()).containsExactly("duration must be above 0; recording until the JVM exits");
        AgentOptions bad = AgentOptions.parse("duration=soon");
        assertThat(bad.duration()).isNull();
        assertThat(bad.problems()).containsExactly("bad value for duration: 'soon' (expected a duration such as 30s);"
                + " recording until the JVM exits");
    }

    @Test
    void relativeFileIsResolvedAgainstTheWorkingDirectory() {
        assertThat(AgentOptions.parse("file=out.jfr").file()).isEqualTo(Path.of("out.jfr").toAbsolutePath());
    }

    @Test
    void unknownKeyIsOneProblemAndTheRestStillApplies() {
        AgentOptions options = AgentOptions.parse("fiel=x.jfr,park-threshold=2ms");
        assertThat(options.problems()).containsExactly(
                "unknown option 'fiel' (known: file, monitor-threshold, park-threshold, sample-period, locks,"
                        + " lock-wait-threshold, include, exclude, global-lock-warning, false-sharing,"
                        + " false-sharing-rate, duration); ignored");
        assertThat(options.parkThreshold()).isEqualTo(Duration.ofMillis(2));
    }

    @Test
    void falseSharingIsOffByDefaultAtFivePercentWhenOnAndBadValuesKeepTheDefault() {
        AgentOptions defaults = AgentOptions.parse("");
        assertThat(defaults.falseSharing()).isFalse();
        assertThat(defaults.falseSharingRate()).isEqualTo(5);
        AgentOptions full = AgentOptions.parse("false-sharing-rate=100%,false-sharing=on");
        assertThat(full.falseSharingRate()).isEqualTo(100);
        assertThat(full.falseSharing()).isTrue();
        AgentOptions bad = AgentOptions.parse("false-sharing-rate=0,false-sharing=yes");
        assertThat(bad.falseSharingRate()).isEqualTo(5);
        assertThat(bad.falseSharing()).isFalse();
        assertThat(bad.problems()).containsExactly(
                "bad value for false-sharing-rate: '0' (expected a percent from 1 to 100, e.g. 5 or 100); using 5",
                "bad value for false-sharing: 'yes' (expected on or off); using off");
    }

    @Test
    void badValuesKeepTheDefaultAndSaySo() {
        AgentOptions options = AgentOptions.parse("monitor-threshold=-1ms,park-threshold=,sample-period=1h");
        assertThat(options.problems()).containsExactly(
                "bad value for monitor-threshold: '-1ms' (expected a duration such as 0ms, 500us or 5ms); using 0ms",
                "option 'park-threshold' needs a value, e.g. 0ms, 500us or 5ms; ignored",
                "bad value for sample-period: '1h' (expected a duration such as 20ms); using 20ms");
        assertThat(options.monitorThreshold()).isEqualTo(Duration.ZERO);
        assertThat(options.parkThreshold()).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void unusableFileFallsBackToTheDefault() throws Exception {
        Path subdir = Files.createDirectory(dir.resolve("sub"));
        AgentOptions options = AgentOptions.parse("file=" + subdir);
        assertThat(options.problems()).containsExactly(
                "file '" + subdir + "' is a directory; recording to the default file instead");
        assertThat(options.file().getFileName().toString()).startsWith("contention-");
    }

    @Test
    void durationsParseEveryUnitAndRejectJunk() {
        assertThat(AgentOptions.parseDuration("0")).isEqualTo(Duration.ZERO);
        assertThat(AgentOptions.parseDuration("7ns")).isEqualTo(Duration.ofNanos(7));
        assertThat(AgentOptions.parseDuration("3US")).isEqualTo(Duration.ofNanos(3_000));
        assertThat(AgentOptions.parseDuration("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(AgentOptions.parseDuration("1.5ms")).isNull();
        assertThat(AgentOptions.parseDuration("ms")).isNull();
        assertThat(AgentOptions.parseDuration("5")).isNull();
        assertThat(AgentOptions.parseDuration("99999999999999999999s")).isNull();
    }

    @Test
    void includeAndExcludeTakeSeveralPrefixesAndRepeat() {
        AgentOptions options = AgentOptions.parse("include=com.acme.;org.example.Cache,include=io.app.,exclude=com.acme.gen.");
        assertThat(options.problems()).isEmpty();
        assertThat(options.include()).containsExactly("com.acme.", "org.example.Cache", "io.app.");
        assertThat(options.exclude()).containsExactly("com.acme.gen.");
    }

    @Test
    void malformedPrefixIsOneProblem() {
        AgentOptions options = AgentOptions.parse("include=com/acme");
        assertThat(options.problems()).containsExactly(
                "bad include prefix 'com/acme' (expected a package or class name such as com.acme.;org.example.Cache);"
                        + " ignored");
        assertThat(options.include()).isEmpty();
    }

    @Test
    void globalLockWarningGoesToStderrNowhereOrAFile() {
        assertThat(AgentOptions.parse("global-lock-warning=off").globalLockWarning())
                .isEqualTo(AgentOptions.WarningOutput.OFF);
        AgentOptions back = AgentOptions.parse("global-lock-warning=off,global-lock-warning=stderr");
        assertThat(back.problems()).isEmpty();
        assertThat(back.globalLockWarning()).isEqualTo(AgentOptions.WarningOutput.STDERR);

        Path file = dir.resolve("warnings.log");
        AgentOptions toFile = AgentOptions.parse("global-lock-warning=" + file);
        assertThat(toFile.problems()).isEmpty();
        assertThat(toFile.globalLockWarning()).isEqualTo(AgentOptions.WarningOutput.FILE);
        assertThat(toFile.globalLockWarningFile()).isEqualTo(file);
        assertThat(file).as("created at the first warning, not before").doesNotExist();
        assertThat(AgentOptions.parse("global-lock-warning=./warnings").globalLockWarningFile())
                .isEqualTo(Path.of("warnings").toAbsolutePath());
    }

    @Test
    void badGlobalLockWarningIsOneProblemAndTheDefaultStays() throws Exception {
        Path subdir = Files.createDirectory(dir.resolve("sub"));
        AgentOptions options = AgentOptions.parse("global-lock-warning=false,global-lock-warning=" + subdir
                + ",global-lock-warning=" + dir.resolve("no/such/w.log") + ",global-lock-warning=");
        assertThat(options.problems()).containsExactly(
                "bad value for global-lock-warning: 'false' (expected stderr, off or a file to append to such as"
                        + " warnings.log); using stderr",
                "global-lock-warning file '" + subdir + "' is a directory; using stderr",
                "directory of global-lock-warning file '" + dir.resolve("no/such/w.log") + "' does not exist;"
                        + " using stderr",
                "option 'global-lock-warning' needs a value, e.g. stderr, off or a file to append to such as"
                        + " warnings.log; ignored");
        assertThat(options.globalLockWarning()).isEqualTo(AgentOptions.WarningOutput.STDERR);
        assertThat(options.globalLockWarningFile()).isNull();

        AgentOptions keepsOff = AgentOptions.parse("global-lock-warning=off,global-lock-warning=stdout");
        assertThat(keepsOff.problems()).containsExactly("bad value for global-lock-warning: 'stdout' (expected"
                + " stderr, off or a file to append to such as warnings.log); using off");
        assertThat(keepsOff.globalLockWarning()).isEqualTo(AgentOptions.WarningOutput.OFF);
    }
}
