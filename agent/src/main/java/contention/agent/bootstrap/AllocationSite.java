// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.bootstrap;

import java.lang.ref.WeakReference;

/**
 * Where a lock was created: the frames people read, and the method and line of the innermost one, from which the
 * agent later finds the field the new lock was stored in. Holds the creating class weakly, so that
 * remembering a site never keeps a class loader alive.
 */
public final class AllocationSite {

    /** Up to {@link AllocationSites#MAX_FRAMES} frames, innermost first, newline-separated. */
    public final String frames;
    public final String methodName;
    public final String methodDescriptor;
    public final int lineNumber;
    private final WeakReference<Class<?>> declaringClass;

    public AllocationSite(String frames, Class<?> declaringClass, String methodName, String methodDescriptor,
            int lineNumber) {
        this.frames = frames;
        this.declaringClass = new WeakReference<>(declaringClass);
        this.methodName = methodName;
        this.methodDescriptor = methodDescriptor;
        this.lineNumber = lineNumber;
    }

    /** The class whose code created the lock, or null once it has been unloaded. */
    public Class<?> declaringClass() {
        return declaringClass.get();
    }
}
