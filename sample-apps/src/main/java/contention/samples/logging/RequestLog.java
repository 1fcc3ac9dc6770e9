// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.logging;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

/**
 * Request logging the way it often starts: one {@link java.util.logging} logger with one {@link StreamHandler}.
 * {@code StreamHandler.publish} is {@code synchronized}: the handler formats each record (SimpleFormatter, a
 * {@code String.format} and a {@code MessageFormat}) and writes it while holding its lock, so every thread that logs
 * queues on it.
 */
final class RequestLog {

    private final Logger logger;
    private final Handler handler;
    final NullStream out;

    RequestLog(String name) {
        out = new NullStream();
        logger = Logger.getLogger(name);
        logger.setUseParentHandlers(false);
        handler = new StreamHandler(out, new SimpleFormatter());
        logger.addHandler(handler);
        logger.setLevel(Level.INFO);
    }

    /** Uses this handler instead of the stream handler (the fixed twin's). */
    RequestLog(String name, Handler instead, NullStream out) {
        this.out = out;
        logger = Logger.getLogger(name);
        logger.setUseParentHandlers(false);
        handler = instead;
        logger.addHandler(handler);
        logger.setLevel(Level.INFO);
    }

    void served(String path, int status, long micros) {
        logger.log(Level.INFO, "served {0} with {1} in {2} us", new Object[] {path, status, micros});
    }

    void close() {
        handler.close();
    }
}
