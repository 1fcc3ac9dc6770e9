// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.render;

import contention.analyzer.detect.Analysis;
import java.io.IOException;
import java.io.Writer;

/** Writes an analysis in one output format; the only place that formats numbers and times. */
public interface Renderer {

    /** Writes the whole report for {@code analysis} to {@code out}; does not close it. */
    void render(Analysis analysis, Writer out) throws IOException;
}
