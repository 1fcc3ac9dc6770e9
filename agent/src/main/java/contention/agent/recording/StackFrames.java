// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.recording;

/** How the agent writes a frame it read from a thread's stack: as the report does. */
final class StackFrames {

    /** {@code package.Class.method(File.java:LINE)}; {@code Unknown Source} without a file. */
    static String format(StackTraceElement element) {
        String where = element.getFileName() == null ? "Unknown Source"
                : element.getLineNumber() >= 0 ? element.getFileName() + ":" + element.getLineNumber()
                : element.getFileName();
        return element.getClassName() + "." + element.getMethodName() + "(" + where + ")";
    }

    private StackFrames() {}
}
