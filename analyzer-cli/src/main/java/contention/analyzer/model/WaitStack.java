// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.model;

import java.util.List;
import java.util.Objects;

/**
 * One distinct waiting stack and the total time spent waiting in it, as a flame graph draws it.
 *
 * @param frames the stack, root (outermost caller) first
 * @param lockClass the class of the lock waited for, drawn as the leaf
 * @param waitNanos total wait in this stack for this lock
 */
public record WaitStack(List<String> frames, String lockClass, long waitNanos) {

    /** The single frame of the stack that folds all stacks beyond the distinct-stack cap. */
    public static final String OTHER_FRAME = "[other]";

    public WaitStack {
        frames = List.copyOf(frames);
        Objects.requireNonNull(lockClass, "lockClass");
    }
}
