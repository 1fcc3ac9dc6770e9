// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import contention.analyzer.diff.ReportDiff;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** A before/after diff as one self-contained page: the diff's JSON inline, drawn by the page's own script. */
public final class DiffHtmlRenderer {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Writes {@code diff}, with the regressions beyond {@code percent} when it is not null; does not close. */
    public void render(ReportDiff diff, Double percent, Writer out) throws IOException {
        String json;
        try {
            json = MAPPER.writeValueAsString(new DiffJsonRenderer().toJson(diff, percent)).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IOException(e);
        }
        String page = resource("diff.html")
                .replace("/*STYLE*/", resource("report.css"))
                .replace("/*SCRIPT*/", resource("diff.js"))
                .replace("\"/*DATA*/\"", json);
        out.write(page);
        out.flush();
    }

    private static String resource(String name) {
        try (InputStream in = DiffHtmlRenderer.class.getResourceAsStream("html/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource html/" + name + " in the analyzer jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
