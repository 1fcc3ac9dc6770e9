// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-file comparison: the expected output lives in {@code src/test/resources/golden}; on a mismatch the
 * actual output is written beside it as {@code NAME.actual} to diff, and to copy over once it is right.
 */
public final class Golden {

    private static final Path DIRECTORY = Path.of("src", "test", "resources", "golden");

    /** Asserts that {@code actual} equals the golden file {@code name} exactly. */
    public static void assertMatches(String name, String actual) {
        Path expectedFile = DIRECTORY.resolve(name);
        Path actualFile = DIRECTORY.resolve(name + ".actual");
        try {
            String expected = Files.exists(expectedFile) ? Files.readString(expectedFile, StandardCharsets.UTF_8) : null;
            if (actual.equals(expected)) {
                Files.deleteIfExists(actualFile);
                return;
            }
            Files.writeString(actualFile, actual, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(actual).as("output differs from %s; see %s", expectedFile, actualFile)
                .isEqualTo(readOrEmpty(expectedFile));
    }

    private static String readOrEmpty(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Golden() {}
}
