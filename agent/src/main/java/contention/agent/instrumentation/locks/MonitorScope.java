// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.instrumentation.locks;

import java.util.List;

/**
 * Which classes' {@code synchronized} code the agent rewrites: the app's (everything outside the JDK, the agent
 * and its Byte Buddy), narrowed by the {@code include=} and {@code exclude=} options; the JDK's own only where a
 * collection is built on a monitor (the {@code Collections.synchronized*} wrappers).
 *
 * <p>Names are binary names with dots ({@code com.acme.Cache$Entry}); prefixes match from the start.
 */
public final class MonitorScope {

    private static final List<String> NEVER = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
            "contention.agent.", "net.bytebuddy.", "org.graalvm.");

    /** The JDK's monitor-guarded wrappers, whose {@code synchronized (mutex)} blocks are the app's lock. */
    static final String SYNCHRONIZED_WRAPPERS = "java.util.Collections$Synchronized";

    private final List<String> include;
    private final List<String> exclude;

    public MonitorScope(List<String> include, List<String> exclude) {
        this.include = List.copyOf(include);
        this.exclude = List.copyOf(exclude);
    }

    /** Whether {@code className}'s {@code synchronized} blocks and methods are measured. */
    public boolean covers(String className) {
        if (className.startsWith(SYNCHRONIZED_WRAPPERS)) {
            return true;
        }
        if (startsWithAny(className, NEVER) || startsWithAny(className, exclude)) {
            return false;
        }
        return include.isEmpty() || startsWithAny(className, include);
    }

    /** Whether {@code className} is app code in scope (not one of the JDK classes instrumented on purpose). */
    public boolean coversAppClass(String className) {
        return !className.startsWith("java.") && covers(className);
    }

    private static boolean startsWithAny(String name, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
