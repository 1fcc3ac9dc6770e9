// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.read;

import java.util.List;

/** How frames are written in every report, and which frame of a waiting stack is its call site. */
public final class Frames {

    /** Frames kept per waiting stack, innermost first; deeper callers are cut off. */
    public static final int MAX_STACK_DEPTH = 32;

    /**
     * One frame as {@code package.Class.method(File.java:LINE)}, the file derived from the top-level class
     * because JFR records none; {@code (File.java)} without a line number (line 0 or less).
     */
    public static String format(String className, String methodName, int lineNumber) {
        String file = ClassNames.sourceFileOf(className);
        StringBuilder frame = new StringBuilder(className.length() + methodName.length() + file.length() + 10);
        frame.append(className).append('.').append(methodName).append('(').append(file);
        if (lineNumber > 0) {
            frame.append(':').append(lineNumber);
        }
        return frame.append(')').toString();
    }

    /**
     * A frame of a live thread's stack ({@code ThreadMXBean}), which carries its file: written as {@link #format}
     * writes JFR's; {@code Unknown Source} without a file, no line number when it has none.
     */
    public static String format(StackTraceElement element) {
        String where = element.getFileName() == null ? "Unknown Source"
                : element.getLineNumber() >= 0 ? element.getFileName() + ":" + element.getLineNumber()
                : element.getFileName();
        return element.getClassName() + "." + element.getMethodName() + "(" + where + ")";
    }

    /**
     * The index of the call site in a stack of class names, innermost first: the first class that is
     * neither the JDK's nor the agent's, or 0 (the top frame) when all are JDK code; -1 for an empty stack.
     */
    public static int siteIndex(List<String> classNamesLeafFirst) {
        for (int i = 0; i < classNamesLeafFirst.size(); i++) {
            String className = classNamesLeafFirst.get(i);
            if (!ClassNames.isJdk(className) && !ClassNames.isAgent(className)) {
                return i;
            }
        }
        return classNamesLeafFirst.isEmpty() ? -1 : 0;
    }

    private Frames() {}
}
