// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.detect;

import java.util.List;

/**
 * A kind of finding that could not be checked because the recording lacks events its detector needs.
 *
 * @param kind the kind not checked
 * @param missingEvents the required event types absent from the recording, sorted
 */
public record NotChecked(FindingKind kind, List<String> missingEvents) {

    public NotChecked {
        missingEvents = List.copyOf(missingEvents);
    }
}
