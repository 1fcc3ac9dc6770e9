// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.resize;

import contention.samples.common.NamedThreadFactory;
import contention.samples.common.SampleArgs;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Fixed twin of {@link ResizeApp}: the same two {@code resize-N} threads behind a bounded queue of
 * {@link #QUEUE_CAPACITY} with {@link ThreadPoolExecutor.CallerRunsPolicy}: when the queue is full the request thread
 * resizes the photo itself, which slows the uploads down to what the machine resizes (back-pressure), so no task
 * waits in the queue much longer than a resize takes.
 * Run: {@code java -cp sample-apps/target/sample-apps.jar contention.samples.resize.ResizeFixedApp 5s 4}.
 */
public final class ResizeFixedApp {

    /** One queued task per worker: a task waits about one resize at most. */
    static final int QUEUE_CAPACITY = ResizeApp.WORKERS;

    public static void main(String[] args) throws InterruptedException {
        SampleArgs parsed = SampleArgs.parse(args, ResizeFixedApp.class, Duration.ofSeconds(5), 4);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(ResizeApp.WORKERS, ResizeApp.WORKERS, 0,
                TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE_CAPACITY), new NamedThreadFactory("resize"),
                new ThreadPoolExecutor.CallerRunsPolicy());
        new UploadWorkload().run("resize-fixed", pool, ResizeApp.WORKERS, parsed);
    }

    private ResizeFixedApp() {}
}
