// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.detect;

import contention.analyzer.aggregate.Profile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The list of every detector, and the one place that runs them over a profile. */
public final class Detectors {

    /** Every detector, one per finding kind; adding a detector is adding a line here. */
    public static List<Detector> all() {
        return List.of(
                new GlobalLockDetector(),
                new HotLockDetector(),
                new SaturatedLockDetector(),
                new FalseSharingDetector(),
                new ExecutorSaturationDetector(),
                new ExecutorStarvationDetector(),
                new DeadlockDetector());
    }

    /** Runs every detector. */
    public static Analysis analyze(Profile profile) {
        return analyze(profile, all());
    }

    /**
     * Runs the detectors whose required events the recording has; lists the others as not checked.
     * Findings come out most severe first, then in detector order.
     */
    public static Analysis analyze(Profile profile, List<Detector> detectors) {
        List<Finding> findings = new ArrayList<>();
        List<NotChecked> notChecked = new ArrayList<>();
        for (Detector detector : detectors) {
            List<String> missing = detector.requiredEvents().stream()
                    .filter(event -> !profile.recording().has(event))
                    .sorted()
                    .toList();
            if (missing.isEmpty()) {
                findings.addAll(detector.detect(profile));
            } else {
                notChecked.add(new NotChecked(detector.kind(), missing));
            }
        }
        findings.sort(Comparator.comparing(Finding::severity));
        return new Analysis(profile, findings, notChecked);
    }

    private Detectors() {}
}
