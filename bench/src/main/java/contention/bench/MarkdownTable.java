// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** Prints rows as a Markdown table padded to the widest cell, readable as is and pasteable into the README. */
final class MarkdownTable {

    static void print(List<String> header, List<List<String>> rows, PrintStream out) {
        print(header, rows, Set.of(0), out);
    }

    /** The same with the columns at these indexes left-aligned as text, the others right-aligned. */
    static void print(List<String> header, List<List<String>> rows, Set<Integer> textColumns, PrintStream out) {
        int[] widths = new int[header.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        printRow(header, widths, textColumns, out);
        StringBuilder rule = new StringBuilder("|");
        for (int c = 0; c < widths.length; c++) {
            // Text columns left-aligned, numbers right-aligned.
            boolean text = textColumns.contains(c);
            rule.append(text ? ":" : "-").append("-".repeat(widths[c])).append(text ? "-|" : ":|");
        }
        out.println(rule);
        for (List<String> row : rows) {
            printRow(row, widths, textColumns, out);
        }
    }

    private static void printRow(List<String> cells, int[] widths, Set<Integer> textColumns, PrintStream out) {
        StringBuilder line = new StringBuilder("|");
        for (int c = 0; c < widths.length; c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            line.append(' ').append(textColumns.contains(c) ? cell + pad : pad + cell).append(" |");
        }
        out.println(line);
    }

    private MarkdownTable() {}
}
