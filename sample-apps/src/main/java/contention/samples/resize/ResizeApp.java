// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.resize;

import contention.samples.common.NamedThreadFactory;
import contention.samples.common.SampleArgs;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Problem: an image-resize service hands every upload's resizes to two {@code resize-N} threads through an
 * unbounded queue; requests arrive several times faster than two threads resize, so the queue, and every task's
 * wait in it, grows for as long as the service runs. Whatever is still queued at the end is dropped.
 * Run: {@code java -cp sample-apps/target/sample-apps.jar contention.samples.resize.ResizeApp 5s 4}.
 */
public final class ResizeApp {

    static final int WORKERS = 2;

    public static void main(String[] args) throws InterruptedException {
        SampleArgs parsed = SampleArgs.parse(args, ResizeApp.class, Duration.ofSeconds(5), 4);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), new NamedThreadFactory("resize"));
        new UploadWorkload().run("resize", pool, WORKERS, parsed);
    }

    private ResizeApp() {}
}
