// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import contention.analyzer.command.ContentionCli;
import contention.analyzer.testing.ReportSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the analyzer's CLI in this JVM, as {@code bin/contention} would, and checks JSON against the contract. */
public final class Analyzer {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Runs the CLI with {@code args}; never exits the JVM. */
    public static Output run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exitCode = ContentionCli.run(args, o, e);
        }
        return new Output(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** {@code report FILE --format json}, asserted successful and valid against report-schema.json. */
    public static JsonNode reportJson(Path recording) throws IOException {
        Output output = run("report", recording.toString(), "--format", "json");
        assertThat(output.exitCode).as("%s", output).isZero();
        JsonNode report = JSON.readTree(output.stdout);
        assertValid(report);
        return report;
    }

    /** Asserts that {@code report} follows report-schema.json. */
    public static void assertValid(JsonNode report) {
        assertThat(ReportSchema.errors(report.toString()))
                .as("report violates report-schema.json:\n%s", report.toPrettyString()).isEmpty();
    }

    /** The findings of a report of one kind. */
    public static List<JsonNode> findings(JsonNode report, String kind) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode finding : report.path("findings")) {
            if (kind.equals(finding.path("kind").asText())) {
                found.add(finding);
            }
        }
        return found;
    }

    /** The lock entry of a report with this class, or null. */
    public static JsonNode lock(JsonNode report, String lockClass) {
        for (JsonNode lock : report.path("locks")) {
            if (lockClass.equals(lock.path("class").asText())) {
                return lock;
            }
        }
        return null;
    }

    private Analyzer() {}
}
