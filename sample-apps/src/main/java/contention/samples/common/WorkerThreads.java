// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.common;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * The threads of a sample workload: {@code threads} of them, named {@code prefix-1} to {@code prefix-n} (tests and
 * reports name them so), each running one step of the workload after another until {@code duration} is over.
 */
public final class WorkerThreads {

    private volatile boolean stop;

    /**
     * Runs the workload and returns its steady rate ({@link SteadyRate}); all threads have ended when it returns.
     *
     * @param done the operations done so far, all threads together
     * @param step one step; called with the thread's index, 0 to {@code threads - 1}
     */
    public static double run(String prefix, int threads, Duration duration, LongSupplier done, IntConsumer step)
            throws InterruptedException {
        return run(t -> prefix + "-" + (t + 1), threads, duration, done, step);
    }

    /**
     * As {@link #run(String, int, Duration, LongSupplier, IntConsumer)}, for workloads whose threads have different
     * roles: {@code names} gives thread {@code index}'s name (e.g. {@code heartbeat-writer-1}, {@code request-reader-1}).
     */
    public static double run(IntFunction<String> names, int threads, Duration duration, LongSupplier done,
            IntConsumer step) throws InterruptedException {
        WorkerThreads workers = new WorkerThreads();
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread thread = new Thread(() -> {
                while (!workers.stop) {
                    step.accept(index);
                }
            }, names.apply(t));
            started.add(thread);
            thread.start();
        }
        double steady = SteadyRate.sleepMeasuring(duration, done);
        workers.stop = true;
        for (Thread thread : started) {
            thread.join();
        }
        return steady;
    }

    private WorkerThreads() {}
}
