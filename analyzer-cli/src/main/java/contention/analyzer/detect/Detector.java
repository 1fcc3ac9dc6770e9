// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.detect;

import contention.analyzer.aggregate.Profile;
import java.util.List;
import java.util.Set;

/**
 * One rule that looks for one kind of finding in a profile (as a JMC rule does); it reads the model only,
 * never prints, reads files or knows output formats.
 */
public interface Detector {

    /** The kind of finding this detector reports. */
    FindingKind kind();

    /**
     * The event types this detector cannot judge without; when one is missing from a recording the
     * detector is not run and the report says "not checked" instead of giving a clean bill of health.
     */
    Set<String> requiredEvents();

    /** The findings in this profile, empty when there are none. */
    List<Finding> detect(Profile profile);
}
