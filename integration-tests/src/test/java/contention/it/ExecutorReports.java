// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the executor ITs read from a report and from a sample app's summary line. */
final class ExecutorReports {

    static final String SATURATION = "executor-saturation";
    static final String STARVATION = "executor-starvation";

    /** The findings of both executor kinds. */
    static List<JsonNode> executorFindings(JsonNode report) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode finding : report.path("findings")) {
            String kind = finding.path("kind").asText();
            if (kind.equals(SATURATION) || kind.equals(STARVATION)) {
                found.add(finding);
            }
        }
        return found;
    }

    /** The {@code executors[]} entry named {@code name}; fails naming the pools there are. */
    static JsonNode executor(JsonNode report, String name) {
        List<String> names = new ArrayList<>();
        for (JsonNode executor : report.path("executors")) {
            if (name.equals(executor.path("name").asText())) {
                return executor;
            }
            names.add(executor.path("name").asText());
        }
        throw new AssertionError("no executor '" + name + "' in executors " + names + ": " + report.path("executors"));
    }

    /** The names in {@code executors[]}. */
    static List<String> executorNames(JsonNode report) {
        List<String> names = new ArrayList<>();
        report.path("executors").forEach(e -> names.add(e.path("name").asText()));
        return names;
    }

    /** The number after {@code key=} in a sample app's summary line. */
    static double number(String stdout, String key) {
        Matcher m = Pattern.compile("(?:^|\\s)" + Pattern.quote(key) + "=(-?\\d+(?:\\.\\d+)?)").matcher(stdout);
        assertThat(m.find()).as("no %s= in %s", key, stdout).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private ExecutorReports() {}
}
