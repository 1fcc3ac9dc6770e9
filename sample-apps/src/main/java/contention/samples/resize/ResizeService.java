// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.resize;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Resizes each uploaded photo to every size in {@link Photos#SIZES}, one task per size, on the pool it is given;
 * the request thread hands the work over and returns, as an upload endpoint does. Counts what it resized and
 * checks every result against the photo's known checksum.
 */
final class ResizeService {

    private final ExecutorService pool;
    private final Photos photos;
    final LongAdder submitted = new LongAdder();
    final LongAdder completed = new LongAdder();
    final LongAdder wrong = new LongAdder();
    final LongAdder checksum = new LongAdder();

    ResizeService(ExecutorService pool, Photos photos) {
        this.pool = pool;
        this.photos = photos;
    }

    /** Queues one resize task per target size of {@code photo}. */
    void upload(int photo) {
        for (int size = 0; size < Photos.SIZES.length; size++) {
            int s = size;
            submitted.increment();
            pool.execute(() -> resize(photo, s));
        }
    }

    private void resize(int photo, int size) {
        long sum = Resizer.checksum(photos.resize(photo, size));
        if (sum != photos.expected(photo, size)) {
            wrong.increment();
        }
        checksum.add(sum & 0xffff);
        completed.increment();
    }

    /**
     * Stops the pool: tasks already running finish, the backlog still queued is dropped (the uploads whose
     * thumbnails were never made). Returns how many were dropped.
     */
    int shutdown() throws InterruptedException {
        List<Runnable> backlog = pool.shutdownNow();
        if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("resize threads did not stop");
        }
        return backlog.size();
    }
}
