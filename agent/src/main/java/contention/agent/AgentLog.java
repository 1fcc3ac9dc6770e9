// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent;

/** The agent's only output: single lines on stderr, prefixed {@code contention: }, never a stack trace. */
public final class AgentLog {

    /** What every line starts with. */
    public static final String PREFIX = "contention: ";

    /** Prints one line. */
    public static void info(String message) {
        System.err.println(PREFIX + message);
    }

    /** Prints one line made elsewhere, which starts with {@link #PREFIX} already. */
    public static void line(String line) {
        System.err.println(line);
    }

    /** A throwable as one line: its class and message, and the cause's. */
    public static String describe(Throwable t) {
        StringBuilder text = new StringBuilder(t.getClass().getName());
        if (t.getMessage() != null) {
            text.append(": ").append(t.getMessage());
        }
        if (t.getCause() != null && t.getCause() != t) {
            text.append(" (caused by ").append(t.getCause().getClass().getName());
            if (t.getCause().getMessage() != null) {
                text.append(": ").append(t.getCause().getMessage());
            }
            text.append(')');
        }
        return text.toString().replace('\n', ' ');
    }

    /** The agent's version from its jar manifest, or {@code "dev"} when run from classes. */
    public static String version() {
        String version = AgentLog.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    private AgentLog() {}
}
