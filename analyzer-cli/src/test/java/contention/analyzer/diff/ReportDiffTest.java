// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.diff;

import static org.assertj.core.api.Assertions.assertThat;

import contention.analyzer.detect.Analysis;
import contention.analyzer.detect.Detectors;
import contention.analyzer.testing.Profiles;
import org.junit.jupiter.api.Test;

class ReportDiffTest {

    private static final long SECOND = 1_000_000_000L;

    // 4 threads alive 10 s each: 16.4 s of wait on the map is a hot lock; 0.2 s is not.
    private static Analysis hot() {
        return Detectors.analyze(Profiles.lockProfile(16_400_000_000L, 4, 10 * SECOND));
    }

    private static Analysis mild() {
        return Detectors.analyze(Profiles.lockProfile(200_000_000L, 4, 10 * SECOND));
    }

    @Test
    void aFixedLockLosesItsFindingAndMostOfItsWait() {
        ReportDiff diff = ReportDiff.between(hot(), mild());

        assertThat(diff.goneFindings()).extracting(f -> f.kind().label()).containsExactly("hot-lock");
        assertThat(diff.newFindings()).isEmpty();
        assertThat(diff.locks()).hasSize(1);
        ReportDiff.Change map = diff.locks().get(0);
        assertThat(map.name()).startsWith(Profiles.MAP_CLASS);
        assertThat(map.waitBeforeNanos()).isEqualTo(16_400_000_000L);
        assertThat(map.waitAfterNanos()).isEqualTo(200_000_000L);
        assertThat(diff.sites()).extracting(ReportDiff.Change::name).containsExactly(Profiles.MAP_SITE);
        assertThat(diff.regressions(10)).isEmpty();
    }

    @Test
    void theReverseIsARegressionByFindingAndByWait() {
        ReportDiff diff = ReportDiff.between(mild(), hot());

        assertThat(diff.newFindings()).extracting(f -> f.kind().label()).containsExactly("hot-lock");
        assertThat(diff.regressions(10)).hasSize(2)
                .anyMatch(r -> r.startsWith("new finding hot-lock"))
                .anyMatch(r -> r.equals("lock wait up 8100%"));
    }

    @Test
    void moreWaitWithinTheAllowanceIsNoRegression() {
        Analysis before = Detectors.analyze(Profiles.lockProfile(200_000_000L, 4, 10 * SECOND));
        Analysis after = Detectors.analyze(Profiles.lockProfile(215_000_000L, 4, 10 * SECOND));

        assertThat(ReportDiff.between(before, after).regressions(10)).isEmpty();
        assertThat(ReportDiff.between(before, after).regressions(5)).containsExactly("lock wait up 8%");
    }

    @Test
    void aRecordingAgainstItselfChangesNothing() {
        ReportDiff diff = ReportDiff.between(hot(), hot());

        assertThat(diff.goneFindings()).isEmpty();
        assertThat(diff.newFindings()).isEmpty();
        assertThat(diff.locks()).allMatch(c -> c.deltaNanos() == 0);
        assertThat(diff.regressions(0)).isEmpty();
    }
}
