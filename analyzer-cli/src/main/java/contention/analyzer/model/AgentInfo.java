// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.model;

import java.util.Objects;

/**
 * What the contention agent wrote about itself into the recording ({@code contention.AgentInfo}).
 *
 * @param version the agent's version
 * @param options the agent's option string as given on the command line, empty when none
 */
public record AgentInfo(String version, String options) {

    public AgentInfo {
        Objects.requireNonNull(version, "version");
        options = options == null ? "" : options;
    }
}
