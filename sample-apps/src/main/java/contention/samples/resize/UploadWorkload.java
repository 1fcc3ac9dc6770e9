// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.resize;

import contention.samples.common.SampleArgs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;

/**
 * {@code request-N} threads each take one photo upload every {@link #UPLOAD_INTERVAL_MILLIS} ms and hand its resizes
 * to a {@link ResizeService} for a fixed time; then prints one summary line. Four request threads ask for up to
 * 6,000 resizes a second (a resize takes 1-3 ms of CPU), several times what two resize threads get through.
 */
final class UploadWorkload {

    static final long UPLOAD_INTERVAL_MILLIS = 2;

    private volatile boolean stop;

    void run(String name, ExecutorService pool, int workers, SampleArgs args) throws InterruptedException {
        Photos photos = new Photos();
        ResizeService service = new ResizeService(pool, photos);
        List<Thread> requests = new ArrayList<>();
        long started = System.nanoTime();
        for (int t = 0; t < args.threads; t++) {
            int first = t;
            Thread request = new Thread(() -> {
                int photo = first;
                while (!stop) {
                    service.upload(photo++ % Photos.COUNT);
                    try {
                        Thread.sleep(UPLOAD_INTERVAL_MILLIS); // the next upload arrives
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "request-" + (t + 1));
            requests.add(request);
            request.start();
        }
        Thread.sleep(args.duration.toMillis());
        stop = true;
        for (Thread request : requests) {
            request.join();
        }
        int dropped = service.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        long completed = service.completed.sum();
        // Referred to from tests: one line, key=value; every resize that ran produced the right pixels.
        System.out.printf(Locale.ROOT,
                "%s submitted=%d completed=%d dropped=%d threads=%d workers=%d seconds=%.2f throughput=%.0f/s"
                        + " correct=%b checksum=%d%n",
                name, service.submitted.sum(), completed, dropped, args.threads, workers, seconds,
                completed / seconds, service.wrong.sum() == 0, service.checksum.sum());
    }
}
