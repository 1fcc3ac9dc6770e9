// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/** Small programs run inside the test JVM while a recording runs: a contended one and its fixed twin. */
public final class Workloads {

    /** Threads sharing the map in both workloads. */
    public static final int MAP_THREADS = 4;

    /** Distinct keys: enough that the ConcurrentHashMap twin rarely has two threads on one bin. */
    static final int KEYS = 4_096;

    private static volatile double sink;

    /**
     * Four threads named {@code map-N} computing values inside one {@code Collections.synchronizedMap}, plus
     * two threads named {@code juc-N} taking one {@code ReentrantLock}, for {@code millis}; calls
     * {@code midway} about every 200 ms so the recording can rotate chunks.
     */
    public static void contended(long millis, Runnable midway) throws InterruptedException {
        Map<Integer, Double> map = Collections.synchronizedMap(new HashMap<>());
        ReentrantLock lock = new ReentrantLock();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < MAP_THREADS; i++) {
            threads.add(start("map-" + i, () -> hammer(map, deadline)));
        }
        for (int i = 0; i < 2; i++) {
            threads.add(start("juc-" + i, () -> takeLock(lock, deadline)));
        }
        tick(deadline, midway);
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /**
     * The fixed twin of {@link #contended}: the same four threads on a {@code ConcurrentHashMap}, computing
     * each value before they merge it in, and an idle pool of two threads named {@code idle-N} parked waiting
     * for work.
     */
    public static void twin(long millis) throws InterruptedException {
        Map<Integer, Double> map = new ConcurrentHashMap<>();
        AtomicInteger poolThreads = new AtomicInteger();
        ExecutorService idlePool = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "idle-" + poolThreads.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        });
        idlePool.submit(() -> { });
        idlePool.submit(() -> { });
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < MAP_THREADS; i++) {
            threads.add(start("map-" + i, () -> accumulate(map, deadline)));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        idlePool.shutdown();
        idlePool.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** The call site the reports must name: the map's compute is called from here. */
    static void hammer(Map<Integer, Double> map, long deadlineNanos) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < deadlineNanos) {
            int key = random.nextInt(KEYS);
            map.compute(key, (k, value) -> (value == null ? 0 : value) + work(2_000));
        }
    }

    /*
     * The twin's loop: the work happens before the merge, outside the map's bin lock. Computing inside
     * ConcurrentHashMap.compute holds a bin lock nearly all the time, and on a loaded machine (4 threads, 2
     * busy CPUs) a thread descheduled inside it made the others wait a scheduler quantum on its bin: 0.5 to
     * 0.8 s of bin waits in a 1 s run, seen while benchmarks ran alongside.
     */
    static void accumulate(Map<Integer, Double> map, long deadlineNanos) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < deadlineNanos) {
            int key = random.nextInt(KEYS);
            map.merge(key, work(2_000), Double::sum);
        }
    }

    static void takeLock(ReentrantLock lock, long deadlineNanos) {
        while (System.nanoTime() < deadlineNanos) {
            lock.lock();
            try {
                sink += work(2_000);
            } finally {
                lock.unlock();
            }
        }
    }

    // Some microseconds of arithmetic the JIT cannot remove: the critical section's real work.
    private static double work(int iterations) {
        double sum = 0;
        for (int i = 1; i <= iterations; i++) {
            sum += Math.sqrt(i) / i;
        }
        sink = sum;
        return sum;
    }

    private static void tick(long deadlineNanos, Runnable midway) throws InterruptedException {
        while (System.nanoTime() < deadlineNanos) {
            Thread.sleep(200);
            midway.run();
        }
    }

    private static Thread start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.start();
        return thread;
    }

    private Workloads() {}
}
