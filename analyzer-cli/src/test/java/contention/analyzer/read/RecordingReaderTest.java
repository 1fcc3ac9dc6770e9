// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.read;

import static org.assertj.core.api.Assertions.assertThat;

import contention.analyzer.aggregate.Profile;
import contention.analyzer.model.Lock;
import contention.analyzer.testing.TestRecordings;
import org.junit.jupiter.api.Test;

/** The reader over a real recording, and its parsing helpers. */
class RecordingReaderTest {

    @Test
    void readsEventTypesSettingsAndMachine() throws Exception {
        Profile profile = RecordingReader.read(TestRecordings.contended(), "contended.jfr");

        assertThat(profile.recording().source()).isEqualTo("contended.jfr");
        assertThat(profile.recording().eventTypes()).contains(EventNames.JAVA_MONITOR_ENTER, EventNames.THREAD_PARK,
                EventNames.THREAD_START, EventNames.THREAD_CPU_LOAD);
        assertThat(profile.recording().thresholdsNanos()).containsEntry(EventNames.JAVA_MONITOR_ENTER, 0L);
        assertThat(profile.recording().cpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(profile.recording().jvmDescription()).hasValueSatisfying(jvm -> assertThat(jvm).isNotBlank());
        assertThat(profile.recording().agentInfo()).isEmpty();
        assertThat(profile.recording().warnings()).isEmpty();
    }

    @Test
    void waitingStacksNeverExceedTheDepthAndStartAtTheLock() throws Exception {
        Profile profile = RecordingReader.read(TestRecordings.contended(), "contended.jfr");

        for (Lock lock : profile.locks()) {
            lock.sites().forEach(site -> assertThat(site.stack()).hasSizeLessThanOrEqualTo(Frames.MAX_STACK_DEPTH));
            lock.sites().forEach(site -> assertThat(site.stack()).contains(site.frame()));
        }
        assertThat(profile.waitStacks()).allSatisfy(stack ->
                assertThat(stack.frames()).noneMatch(frame -> frame.startsWith("contention.agent.")));
    }

    @Test
    void timespanSettings() {
        assertThat(RecordingReader.parseTimespanNanos("20 ms")).isEqualTo(20_000_000L);
        assertThat(RecordingReader.parseTimespanNanos("0 ns")).isZero();
        assertThat(RecordingReader.parseTimespanNanos("10 s")).isEqualTo(10_000_000_000L);
        assertThat(RecordingReader.parseTimespanNanos("5 us")).isEqualTo(5_000L);
        assertThat(RecordingReader.parseTimespanNanos("everyChunk")).isEqualTo(-1);
        assertThat(RecordingReader.parseTimespanNanos("1 fortnight")).isEqualTo(-1);
        assertThat(RecordingReader.parseTimespanNanos(null)).isEqualTo(-1);
    }

    @Test
    void allocationSiteFramesAreSplitAtNewlines() {
        assertThat(RecordingReader.allocationStack("a.B.<init>(B.java:1)\na.C.main(C.java:2)\n"))
                .containsExactly("a.B.<init>(B.java:1)", "a.C.main(C.java:2)");
        assertThat(RecordingReader.allocationStack("")).isEmpty();
        assertThat(RecordingReader.allocationStack(null)).isEmpty();
    }

    @Test
    void jvmDescription() {
        assertThat(RecordingReader.describeJvm("OpenJDK 64-Bit Server VM",
                "OpenJDK 64-Bit Server VM (17.0.15+6-Debian-1deb12u1) for linux-amd64 JRE (17.0.15+6), built on ..."))
                .isEqualTo("OpenJDK 64-Bit Server VM 17.0.15+6-Debian-1deb12u1");
        assertThat(RecordingReader.describeJvm("OpenJDK 64-Bit Server VM", null)).isEqualTo("OpenJDK 64-Bit Server VM");
        assertThat(RecordingReader.describeJvm(null, "21.0.1")).isEqualTo("21.0.1");
    }
}
