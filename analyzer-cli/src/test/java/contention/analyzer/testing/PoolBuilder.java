// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.testing;

import contention.analyzer.aggregate.Profile;
import contention.analyzer.model.CallSite;
import contention.analyzer.model.Executor;
import contention.analyzer.model.RecordingInfo;
import contention.analyzer.model.ThreadActivity;
import contention.analyzer.read.EventNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Hand-built executors for detector and renderer tests: a pool of resize workers, by numbers. Starts as a
 * healthy fixed pool of 4 threads seen for 10 s; each setter changes one thing.
 */
public final class PoolBuilder {

    public static final long MS = 1_000_000L;
    public static final long SECOND = 1_000 * MS;
    public static final String TPE = "java.util.concurrent.ThreadPoolExecutor";
    public static final String FJP = "java.util.concurrent.ForkJoinPool";
    public static final String CREATION_SITE = "com.acme.Resizer.<init>(Resizer.java:12)";
    public static final String SUBMIT_SITE = "com.acme.Resizer.submit(Resizer.java:22)";
    public static final String GET_SITE = "com.acme.Resizer.resize(Resizer.java:40)";
    public static final String FUTURE_GET = "java.util.concurrent.FutureTask.get";
    public static final List<String> GET_STACK = List.of(
            "java.util.concurrent.FutureTask.get(FutureTask.java:191)", GET_SITE,
            "java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)");

    private long id = 1;
    private String name = "resize";
    private String className = TPE;
    private int threads = 4;
    private int limit = 4;
    private long seenNanos = 10 * SECOND;
    private long busyNanos = 20 * SECOND;
    private long completed = 1_000;
    private long rejected;
    private Executor.Latency queueWait = latency(2 * MS, 5 * MS, 8 * MS);
    private Executor.Latency runTime = latency(20 * MS, 40 * MS, 60 * MS);
    private int periods = 10;
    private int allBusyPeriods;
    private int firstQueueDepth;
    private int lastQueueDepth;
    private int queuedPeriods = -1;
    private int queuedLastPeriods = -1;
    private final List<Executor.BlockedWait> blockedWaits = new ArrayList<>();

    /** A healthy fixed pool named "resize" of 4 threads, 50% busy, tasks waiting 2 ms for 20 ms of run time. */
    public static PoolBuilder resize() {
        return new PoolBuilder();
    }

    /** Percentiles snapped to the agent's buckets, as the reader produces them. */
    public static Executor.Latency latency(long p50Nanos, long p99Nanos, long maxNanos) {
        return new Executor.Latency(1_000, snap(p50Nanos), snap(p99Nanos), snap(maxNanos));
    }

    private static long snap(long nanos) {
        return contention.analyzer.aggregate.BucketHistograms.snap(nanos);
    }

    public PoolBuilder id(long id) {
        this.id = id;
        return this;
    }

    public PoolBuilder name(String name) {
        this.name = name;
        return this;
    }

    public PoolBuilder className(String className) {
        this.className = className;
        return this;
    }

    /** Threads alive and the thread limit; {@link Executor#UNKNOWN} as the limit for an unbounded pool. */
    public PoolBuilder threads(int threads, int limit) {
        this.threads = threads;
        this.limit = limit;
        return this;
    }

    /** Task run time such that effective parallelism over the 10 s is {@code parallelism}. */
    public PoolBuilder parallelism(double parallelism) {
        this.busyNanos = Math.round(parallelism * seenNanos);
        return this;
    }

    public PoolBuilder busyNanos(long busyNanos) {
        this.busyNanos = busyNanos;
        return this;
    }

    public PoolBuilder queueWait(Executor.Latency queueWait) {
        this.queueWait = queueWait;
        return this;
    }

    public PoolBuilder runTime(Executor.Latency runTime) {
        this.runTime = runTime;
        return this;
    }

    public PoolBuilder completed(long completed) {
        this.completed = completed;
        return this;
    }

    public PoolBuilder rejected(long rejected) {
        this.rejected = rejected;
        return this;
    }

    /** How many of the 10 periods ended with every thread busy. */
    public PoolBuilder allBusyPeriods(int allBusyPeriods) {
        this.allBusyPeriods = allBusyPeriods;
        return this;
    }

    /** Queue depth rising linearly over the periods from {@code first} to {@code last}. */
    public PoolBuilder queueDepth(int first, int last) {
        this.firstQueueDepth = first;
        this.lastQueueDepth = last;
        return this;
    }

    /** Tasks left in the queue ({@code depth}) at the end of the first {@code periods} periods, none after. */
    public PoolBuilder queuedPeriods(int periods, int depth) {
        this.queuedPeriods = periods;
        this.firstQueueDepth = depth;
        this.lastQueueDepth = depth;
        return this;
    }

    /** Tasks left in the queue ({@code depth}) at the end of the last {@code periods} periods only. */
    public PoolBuilder queuedLastPeriods(int periods, int depth) {
        this.queuedLastPeriods = periods;
        this.firstQueueDepth = depth;
        this.lastQueueDepth = depth;
        return this;
    }

    /** One kind of wait of the pool's workers for other tasks. */
    public PoolBuilder blocked(long awaitedPoolId, String method, long waitNanos, long count) {
        blockedWaits.add(new Executor.BlockedWait(awaitedPoolId, method, waitNanos, count));
        return this;
    }

    public Executor build() {
        List<Executor.Period> series = new ArrayList<>();
        long start = 1_700_000_000_000L * MS;
        for (int i = 0; i < periods; i++) {
            int depth = periods == 1 ? lastQueueDepth
                    : firstQueueDepth + (lastQueueDepth - firstQueueDepth) * i / (periods - 1);
            if (queuedPeriods >= 0 && i >= queuedPeriods) {
                depth = 0;
            }
            if (queuedLastPeriods >= 0 && i < periods - queuedLastPeriods) {
                depth = 0;
            }
            series.add(new Executor.Period(start + (i + 1) * SECOND, SECOND, 1, i < allBusyPeriods ? 1 : 0,
                    busyNanos / periods, depth, depth, i < allBusyPeriods ? threads : threads / 2, threads));
        }
        List<Executor.BlockedWait> waits = blockedWaits.stream()
                .sorted((a, b) -> Long.compare(b.waitNanos(), a.waitNanos())).toList();
        long blockedNanos = waits.stream().mapToLong(Executor.BlockedWait::waitNanos).sum();
        long blockedCount = waits.stream().mapToLong(Executor.BlockedWait::count).sum();
        List<CallSite> sites = waits.isEmpty() ? List.of()
                : List.of(new CallSite(GET_SITE, blockedNanos, blockedCount, GET_STACK));
        List<String> workers = waits.isEmpty() ? List.of() : workerNames();
        return new Executor(id, name, className, List.of(CREATION_SITE, "com.acme.Main.main(Main.java:5)"), limit,
                limit, threads, limit, completed + 10, completed, rejected, 0, busyNanos, seenNanos, queueWait, runTime,
                series, List.of(new Executor.SubmitSite(SUBMIT_SITE, 6_400)), waits, sites, workers);
    }

    private List<String> workerNames() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= threads; i++) {
            names.add(name + "-" + i);
        }
        return names;
    }

    /** A recording with the agent's executor events (and the lock events the other detectors need). */
    public static RecordingInfo recording() {
        RecordingInfo plain = Profiles.agentRecording(10 * SECOND);
        Set<String> types = new HashSet<>(plain.eventTypes());
        types.add(EventNames.EXECUTOR_STATS);
        types.add(EventNames.TASK_SUBMIT);
        types.add(EventNames.POOL_BLOCKED);
        return new RecordingInfo(plain.source(), plain.startTime(), plain.durationNanos(), plain.jvm(), plain.cpus(),
                plain.agent(), types, plain.thresholdsNanos(), plain.warnings());
    }

    /** A profile of these pools, each with its workers alive for the whole recording. */
    public static Profile profile(Executor... executors) {
        List<ThreadActivity> threads = new ArrayList<>();
        for (Executor executor : executors) {
            for (int i = 1; i <= Math.max(1, executor.largestPoolSize()); i++) {
                threads.add(new ThreadActivity(1_000 * executor.id() + i, executor.name() + "-" + i, false, 0,
                        SECOND, 8 * SECOND, 10 * SECOND));
            }
        }
        return new Profile(recording(), List.of(), threads, List.of(), List.of(executors));
    }
}
