// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package example.monitors;

/** No monitorenter at all: the rewrite must leave it alone. */
public final class Plain {
    public int twice(int x) {
        return 2 * x;
    }
}
