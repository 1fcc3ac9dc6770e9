// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.logging;

import contention.samples.common.SampleArgs;
import java.time.Duration;
import java.util.logging.SimpleFormatter;

/**
 * Fixed twin of {@link RequestLogApp}: records are formatted on the logging thread
 * into a buffer of its own, written in batches ({@link BatchingLogHandler}); no thread waits for another to format.
 */
public final class RequestLogFixedApp {

    public static void main(String[] args) throws InterruptedException {
        SampleArgs parsed = SampleArgs.parse(args, RequestLogFixedApp.class, Duration.ofSeconds(5), 8);
        NullStream out = new NullStream();
        RequestLog log = new RequestLog("requests", new BatchingLogHandler(out, new SimpleFormatter()), out);
        RequestWorkload.run("request-log-fixed", log, parsed);
    }

    private RequestLogFixedApp() {}
}
