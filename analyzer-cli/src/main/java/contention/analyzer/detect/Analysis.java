// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.detect;

import contention.analyzer.aggregate.Profile;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of running the detectors over a profile: what renderers print.
 *
 * @param profile the profile the detectors read
 * @param findings the findings, most severe first
 * @param notChecked the kinds that could not be checked on this recording
 */
public record Analysis(Profile profile, List<Finding> findings, List<NotChecked> notChecked) {

    public Analysis {
        Objects.requireNonNull(profile, "profile");
        findings = List.copyOf(findings);
        notChecked = List.copyOf(notChecked);
    }
}
