// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.it.support;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A JDK the end-to-end tests launch sample apps on: 17 (the build's own), 21 and 25 where this machine has them.
 * A missing one makes its tests skip with a message that says where it was looked for.
 */
public final class TestJdk {

    /** For {@code @MethodSource}: every promised JDK, present or not. */
    public static final String ALL = "contention.it.support.TestJdk#all";

    /** Features the project promises to run on. */
    private static final int[] FEATURES = {17, 21, 25};

    private final int feature;
    private final Path home; // null when absent
    private final String lookedAt;

    private TestJdk(int feature, Path home, String lookedAt) {
        this.feature = feature;
        this.home = home;
        this.lookedAt = lookedAt;
    }

    /** Every promised JDK, present or not, for {@code @MethodSource}. */
    public static List<TestJdk> all() {
        List<TestJdk> jdks = new ArrayList<>();
        for (int feature : FEATURES) {
            jdks.add(find(feature));
        }
        return jdks;
    }

    /** The JDK running the tests. */
    public static TestJdk current() {
        return new TestJdk(Runtime.version().feature(), Paths.get(System.getProperty("java.home")), "java.home");
    }

    static TestJdk find(int feature) {
        if (Runtime.version().feature() == feature) {
            return current();
        }
        String variable = "CONTENTION_JDK" + feature;
        String fromEnv = System.getenv(variable);
        if (fromEnv != null && isJdk(Paths.get(fromEnv))) {
            return new TestJdk(feature, Paths.get(fromEnv), variable);
        }
        Path jvms = Paths.get("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(jvms)) {
                for (Path dir : dirs) {
                    String name = dir.getFileName().toString();
                    if ((name.contains("-" + feature + "-") || name.endsWith("-" + feature)) && isJdk(dir)) {
                        return new TestJdk(feature, dir.toRealPath(), jvms.toString());
                    }
                }
            } catch (IOException e) {
                // fall through: treated as absent
            }
        }
        return new TestJdk(feature, null, "$" + variable + " and " + jvms);
    }

    private static boolean isJdk(Path home) {
        return Files.isExecutable(home.resolve("bin/java"));
    }

    /** Skips the calling test, visibly, when this JDK is not on the machine. */
    public TestJdk assumePresent() {
        if (home == null) {
            String message = "JDK " + feature + " not found (looked at " + lookedAt + "); skipping its run";
            System.out.println("SKIPPED: " + message);
            Assumptions.abort(message);
        }
        return this;
    }

    public int feature() {
        return feature;
    }

    public Path home() {
        return home;
    }

    public Path java() {
        return home.resolve("bin/java");
    }

    @Override
    public String toString() {
        return "JDK " + feature + (home == null ? " (absent)" : "");
    }
}
