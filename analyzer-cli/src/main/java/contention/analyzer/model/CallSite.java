// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.model;

import java.util.List;
import java.util.Objects;

/**
 * One place in the program where threads waited for a lock, with the stack that waited longest there.
 *
 * @param frame the first application frame of the waiting stacks, {@code pkg.Class.method(File.java:LINE)}
 * @param waitNanos total wait at this site
 * @param count number of waits at this site
 * @param stack the waiting stack with the largest total wait at this site, leaf first
 */
public record CallSite(String frame, long waitNanos, long count, List<String> stack) {

    public CallSite {
        Objects.requireNonNull(frame, "frame");
        stack = List.copyOf(stack);
    }
}
