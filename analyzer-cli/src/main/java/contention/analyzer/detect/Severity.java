// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.detect;

/** How urgent a finding is, most urgent first; prints as the contract's lower-case name. */
public enum Severity implements ContractName {
    CRITICAL,
    WARNING,
    INFO;

    /** The contract's name, as {@link #label()}. */
    @Override
    public String toString() {
        return label();
    }
}
