// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.bench;

import java.io.PrintStream;
import java.util.List;

/** Prints rows as a Markdown table padded to the widest cell, readable as is and pasteable into the README. */
final class MarkdownTable {

    static void print(List<String> header, List<List<String>> rows, PrintStream out) {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        printRow(header, widths, out);
        StringBuilder rule = new StringBuilder("|");
        for (int c = 0; c < widths.length; c++) {
            // Text columns left-aligned, numbers right-aligned.
            rule.append(c == 0 ? ":" : "-").append("-".repeat(widths[c])).append(c == 0 ? "-|" : ":|");
        }
        out.println(rule);
        for (List<String> row : rows) {
            printRow(row, widths, out);
        }
    }

    private static void printRow(List<String> cells, int[] widths, PrintStream out) {
        StringBuilder line = new StringBuilder("|");
        for (int c = 0; c < widths.length; c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            line.append(' ').append(c == 0 ? cell + pad : pad + cell).append(" |");
        }
        out.println(line);
    }

    private MarkdownTable() {}
}
