// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.aggregate;

import contention.analyzer.model.CallSite;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The methods that run inside a lock, read off the stacks of the threads that waited for it: the innermost frame
 * below the lock's own machinery is the method that takes the lock (a {@code synchronized} method, the method with
 * the {@code synchronized} block or the {@code lock()} call), and its code runs while the lock is held. A sample
 * whose stack passes through one of them was taken inside the critical section; for a block or a {@code lock()}
 * call, the code of that method before and after it counts too, an overestimate as small as the method is.
 */
final class CriticalMethods {

    // Frames of the lock itself, between the waiting thread's code and the wait.
    private static final List<String> LOCK_MACHINERY = List.of(
            "java.util.concurrent.locks.", "jdk.internal.misc.Unsafe.", "sun.misc.Unsafe.", "java.lang.Object.wait",
            "java.lang.Thread.onSpinWait");

    static Set<String> of(List<CallSite> sites) {
        Set<String> methods = new HashSet<>();
        for (CallSite site : sites) {
            for (String frame : site.stack()) {
                if (!isLockMachinery(frame)) {
                    methods.add(methodOf(frame));
                    break;
                }
            }
        }
        return methods;
    }

    /** {@code pkg.Class.method} of a frame written {@code pkg.Class.method(File.java:12)}. */
    static String methodOf(String frame) {
        int paren = frame.indexOf('(');
        return paren < 0 ? frame : frame.substring(0, paren);
    }

    private static boolean isLockMachinery(String frame) {
        for (String prefix : LOCK_MACHINERY) {
            if (frame.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private CriticalMethods() {}
}
