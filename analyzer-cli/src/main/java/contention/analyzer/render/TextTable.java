// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.render;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table whose columns are padded to their widest cell; numbers align right, the last column
 * (a name) aligns left and is never padded.
 */
final class TextTable {

    private final int columns;
    private final boolean[] rightAligned;
    private final List<String[]> rows = new ArrayList<>();

    /** A table whose header cells ending in {@code >} (stripped) align right. */
    TextTable(String... header) {
        columns = header.length;
        rightAligned = new boolean[columns];
        String[] names = new String[columns];
        for (int i = 0; i < columns; i++) {
            rightAligned[i] = header[i].endsWith(">");
            names[i] = rightAligned[i] ? header[i].substring(0, header[i].length() - 1) : header[i];
        }
        rows.add(names);
    }

    TextTable row(String... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
        }
        rows.add(cells.clone());
        return this;
    }

    /** The rows without the header, for tables printed below other text. */
    List<String> bodyLines() {
        return lines().subList(1, rows.size());
    }

    List<String> lines() {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>(rows.size());
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                if (i > 0) {
                    line.append("  ");
                }
                boolean last = i == columns - 1;
                String cell = row[i];
                String padding = " ".repeat(widths[i] - cell.length());
                if (rightAligned[i]) {
                    line.append(padding).append(cell);
                } else {
                    line.append(cell).append(last ? "" : padding);
                }
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }
}
