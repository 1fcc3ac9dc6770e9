// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.render;

import contention.analyzer.detect.Analysis;
import contention.analyzer.model.WaitStack;
import java.io.IOException;
import java.io.Writer;

/**
 * Waiting stacks in the collapsed format flamegraph.pl and speedscope load: one line per distinct stack,
 * root-first frames joined by {@code ;}, the lock class as the leaf (as async-profiler draws lock
 * profiles), then a space and the total wait in microseconds.
 */
public final class CollapsedRenderer implements Renderer {

    private static final long NANOS_PER_MICRO = 1_000L;

    @Override
    public void render(Analysis analysis, Writer out) throws IOException {
        StringBuilder line = new StringBuilder();
        for (WaitStack stack : analysis.profile().waitStacks()) {
            if (stack.waitNanos() <= 0) {
                continue;
            }
            line.setLength(0);
            for (String frame : stack.frames()) {
                line.append(frame).append(';');
            }
            // A wait shorter than a microsecond still happened: round up so every line has a weight > 0.
            long micros = Math.max(1, Math.round((double) stack.waitNanos() / NANOS_PER_MICRO));
            line.append(stack.lockClass()).append(' ').append(micros).append('\n');
            out.write(line.toString());
        }
        out.flush();
    }
}
