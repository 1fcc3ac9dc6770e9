// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.detect;

/** The kinds of finding in the report contract; each prints as the contract's kebab-case name. */
public enum FindingKind implements ContractName {
    GLOBAL_LOCK,
    HOT_LOCK,
    SATURATED_LOCK,
    FALSE_SHARING,
    EXECUTOR_SATURATION,
    EXECUTOR_STARVATION,
    DEADLOCK,
    PINNING;

    /** The contract's name, as {@link #label()}. */
    @Override
    public String toString() {
        return label();
    }
}
