// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.render;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/** The report formats a user can ask for with {@code --format}, each with its renderer. */
public enum Format {
    TEXT("text", TextRenderer::new),
    JSON("json", JsonRenderer::new),
    COLLAPSED("collapsed", CollapsedRenderer::new),
    HTML("html", HtmlRenderer::new);

    private final String label;
    private final Supplier<Renderer> renderer;

    Format(String label, Supplier<Renderer> renderer) {
        this.label = label;
        this.renderer = renderer;
    }

    /** A renderer for this format. */
    public Renderer renderer() {
        return renderer.get();
    }

    /** The format named {@code name}, case-insensitively. */
    public static Format parse(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(format -> format.label.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown format '" + name + "', expected one of " + names()));
    }

    /** The format names, comma-separated, as help and error messages list them. */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(Format::toString).toList());
    }

    @Override
    public String toString() {
        return label;
    }
}
