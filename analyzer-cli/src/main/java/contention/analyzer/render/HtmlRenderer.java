// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.render;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import contention.analyzer.detect.Analysis;
import contention.analyzer.model.WaitStack;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The report as one self-contained HTML page: the JSON report and the waiting stacks go in as one data
 * blob, and the page's own script (a classpath resource, nothing fetched when it opens) draws the findings,
 * a flame graph of wait time, sortable tables and the lock timelines. Opens offline.
 */
public final class HtmlRenderer implements Renderer {

    private static final String TEMPLATE = "report.html";
    private static final String STYLE = "report.css";
    private static final String SCRIPT = "report.js";
    private static final long NANOS_PER_MICRO = 1_000L;

    // Non-ASCII escaped so the page's charset cannot garble names; "<" escaped below so that no string in
    // the data can close the script element it sits in.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    @Override
    public void render(Analysis analysis, Writer out) throws IOException {
        ObjectNode data = MAPPER.createObjectNode();
        data.set("report", new JsonRenderer().toJson(analysis));
        data.set("stacks", stacks(analysis));
        String json = MAPPER.writeValueAsString(data).replace("<", "\\u003c");
        String page = resource(TEMPLATE)
                .replace("/*STYLE*/", resource(STYLE))
                .replace("/*SCRIPT*/", resource(SCRIPT))
                .replace("\"/*DATA*/\"", json);
        out.write(page);
        out.flush();
    }

    /** The waiting stacks as [frames root first with the lock class as leaf, wait in microseconds]. */
    private static ArrayNode stacks(Analysis analysis) {
        ArrayNode stacks = MAPPER.createArrayNode();
        for (WaitStack stack : analysis.profile().waitStacks()) {
            if (stack.waitNanos() <= 0) {
                continue;
            }
            ArrayNode entry = stacks.addArray();
            ArrayNode frames = entry.addArray();
            stack.frames().forEach(frames::add);
            frames.add(stack.lockClass());
            entry.add(Math.max(1, Math.round((double) stack.waitNanos() / NANOS_PER_MICRO)));
        }
        return stacks;
    }

    private static String resource(String name) {
        try (InputStream in = HtmlRenderer.class.getResourceAsStream("html/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource html/" + name + " in the analyzer jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
