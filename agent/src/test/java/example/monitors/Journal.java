// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package example.monitors;

/** StringBuffers stored in fields (instance and static) and one kept in a local: only the stores are hooked. */
public final class Journal {

    static final StringBuffer SHARED = new StringBuffer("start;");

    private final StringBuffer lines;

    public Journal() {
        this.lines = new StringBuffer();
    }

    public String add(String line) {
        lines.append(line).append(';');
        SHARED.append(line.length());
        return lines.toString();
    }

    public String local(String line) {
        StringBuffer own = new StringBuffer();
        own.append(line).append('!');
        return own.toString();
    }
}
