// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.detect;

import java.util.Locale;

/**
 * An enum whose constants print as the report contract names them: the constant's name in lower case with
 * dashes, {@code HOT_LOCK} as {@code hot-lock}, {@code WARNING} as {@code warning}.
 */
public interface ContractName {

    /** The constant's name; enums implement it already. */
    String name();

    /** The contract's name of this constant. */
    default String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
