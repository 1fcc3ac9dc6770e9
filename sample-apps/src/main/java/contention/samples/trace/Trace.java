// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.trace;

/** Where request threads leave a line of trace per step; read back at the end. */
interface Trace {

    /** Records one line of this thread's trace. */
    void line(String text);

    /** How many lines were recorded, all threads together. */
    long lines();
}
