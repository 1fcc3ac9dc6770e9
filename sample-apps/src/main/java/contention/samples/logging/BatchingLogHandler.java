// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.logging;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * The fix: each logging thread formats its own records (no lock: {@link java.util.logging.SimpleFormatter} keeps no
 * state) into a buffer of its own, and writes the buffer to the stream in one call once it holds
 * {@link #BATCH_CHARS}; the stream's lock is taken once per batch instead of once per record, and never while
 * formatting.
 */
final class BatchingLogHandler extends Handler {

    static final int BATCH_CHARS = 64 * 1024;

    private final OutputStream out;
    private final Queue<StringBuilder> buffers = new ConcurrentLinkedQueue<>(); // every thread's, for close()
    private final ThreadLocal<StringBuilder> buffer = ThreadLocal.withInitial(() -> {
        StringBuilder created = new StringBuilder(BATCH_CHARS + 1024);
        buffers.add(created);
        return created;
    });

    BatchingLogHandler(OutputStream out, Formatter formatter) {
        this.out = out;
        setFormatter(formatter);
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        StringBuilder mine = buffer.get();
        mine.append(getFormatter().format(record));
        if (mine.length() >= BATCH_CHARS) {
            write(mine);
        }
    }

    private void write(StringBuilder lines) {
        byte[] bytes;
        synchronized (lines) {
            bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
            lines.setLength(0);
        }
        synchronized (out) {
            try {
                out.write(bytes);
            } catch (IOException e) {
                reportError("cannot write the log", e, 0);
            }
        }
    }

    @Override
    public void flush() {
        for (StringBuilder lines : buffers) {
            write(lines);
        }
    }

    @Override
    public void close() {
        flush();
    }
}
