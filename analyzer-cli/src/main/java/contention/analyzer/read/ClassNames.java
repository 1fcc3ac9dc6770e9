// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.read;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Class-name rules: JVM descriptors to Java names, and which code is the JDK's or the agent's own. */
public final class ClassNames {

    private static final String AGENT_PACKAGE = "contention.agent.";
    private static final String JFR_INTERNAL_PACKAGE = "jdk.jfr.internal.";
    private static final String[] JDK_PACKAGES = {"java.", "javax.", "jdk.", "sun.", "com.sun."};

    /**
     * The Java name of a class as JFR names it: array descriptors such as {@code [I} or
     * {@code [Ljava.lang.Object;} become {@code int[]} and {@code java.lang.Object[]}, slashes of internal names
     * become dots, and hidden classes lose their run-specific address ({@code Foo$$Lambda$14}).
     */
    public static String javaName(String jvmName) {
        if (jvmName == null || jvmName.isEmpty()) {
            return "unknown";
        }
        int dimensions = 0;
        while (dimensions < jvmName.length() && jvmName.charAt(dimensions) == '[') {
            dimensions++;
        }
        String element = jvmName.substring(dimensions);
        if (dimensions > 0) {
            element = switch (element) {
                case "Z" -> "boolean";
                case "B" -> "byte";
                case "C" -> "char";
                case "S" -> "short";
                case "I" -> "int";
                case "J" -> "long";
                case "F" -> "float";
                case "D" -> "double";
                default -> element.startsWith("L") && element.endsWith(";")
                        ? element.substring(1, element.length() - 1)
                        : element;
            };
        }
        return normalize(element) + "[]".repeat(dimensions);
    }

    /*
     * Hidden classes (lambdas) carry their address, which changes with every run, so it is dropped: stacks
     * then compare across runs and frames name the source file of the class that made the lambda. The forms:
     *   JDK 17's Class.getName()            com.acme.Foo$$Lambda$14/0x0000000800c0b000
     *   JDK 17's JFR                        com.acme.Foo$$Lambda$815+0x00007f234c212cc8/28145535
     *   JDK 21+'s JFR (RecordedClass name)  com.acme.Foo$$Lambda.0x000000009a044df0
     * The dotted form needs "0x" and an address's worth of hex digits (8 or more) to the end of the name, so
     * that a class or package a JVM language named "0xcafe" keeps its name.
     * Names without dots are internal names ("java/util/HashMap").
     */
    private static final Pattern HIDDEN_CLASS_ADDRESS = Pattern.compile("(?:[/+]0x|\\.0x[0-9a-fA-F]{8,}$)");

    static String normalize(String name) {
        Matcher hidden = HIDDEN_CLASS_ADDRESS.matcher(name);
        String named = hidden.find() ? name.substring(0, hidden.start()) : name;
        if (named.indexOf('.') < 0) {
            return named.replace('/', '.');
        }
        int slash = named.indexOf('/');
        return slash < 0 ? named : named.substring(0, slash);
    }

    /** Whether this class belongs to the contention agent, whose frames never appear in a report. */
    public static boolean isAgent(String className) {
        return className.startsWith(AGENT_PACKAGE);
    }

    /**
     * Whether this class is JDK Flight Recorder's own machinery ({@code jdk.jfr.internal.*}, e.g. the
     * {@code PlatformRecorder} monitor JFR's threads take): the profiler never reports on itself.
     */
    public static boolean isJfrInternal(String className) {
        return className.startsWith(JFR_INTERNAL_PACKAGE);
    }

    /** Whether this class belongs to the JDK (java., javax., jdk., sun., com.sun.). */
    public static boolean isJdk(String className) {
        for (String prefix : JDK_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The source file a class most likely came from: its top-level class's simple name plus {@code .java}
     * ({@code com.acme.Outer$Inner} comes from {@code Outer.java}); JFR does not record file names.
     */
    public static String sourceFileOf(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        int slash = simple.indexOf('/');
        if (slash >= 0) {
            simple = simple.substring(0, slash);
        }
        int dollar = simple.indexOf('$', 1);
        String topLevel = dollar > 0 ? simple.substring(0, dollar) : simple;
        return topLevel + ".java";
    }

    private ClassNames() {}
}
