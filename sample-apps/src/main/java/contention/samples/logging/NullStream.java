// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.logging;

import java.io.OutputStream;
import java.util.concurrent.atomic.LongAdder;

/** Where the log goes: nowhere, counting bytes, so that the run measures logging and not the disk. */
final class NullStream extends OutputStream {

    final LongAdder bytes = new LongAdder();

    @Override
    public void write(int b) {
        bytes.increment();
    }

    @Override
    public void write(byte[] b, int off, int len) {
        bytes.add(len);
    }
}
