// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.aggregate;

import contention.analyzer.model.CacheLine;
import contention.analyzer.model.Deadlock;
import contention.analyzer.model.Executor;
import contention.analyzer.model.Lock;
import contention.analyzer.model.RecordingInfo;
import contention.analyzer.model.ThreadActivity;
import contention.analyzer.model.WaitStack;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What detectors and renderers read: the recording's facts, locks by wait time, threads by time stood
 * still, the distinct waiting stacks, and the executors by busy time; immutable.
 */
public final class Profile {

    private final RecordingInfo recording;
    private final List<Lock> locks;
    private final List<ThreadActivity> threads;
    private final List<WaitStack> waitStacks;
    private final List<Executor> executors;
    private final Map<Long, ThreadActivity> threadsById = new HashMap<>();
    private final Map<String, Double> largestBinShares;
    private final List<CacheLine> cacheLines;
    private final List<Deadlock> deadlocks;

    /**
     * A profile of already ordered parts.
     *
     * @param recording facts about the recording
     * @param locks locks, longest total wait first
     * @param threads threads, longest blocked plus waiting time first
     * @param waitStacks distinct waiting stacks, largest wait first
     * @param executors executors, most busy time first
     * @param largestBinShares by map class, the share of its bin waits that was for its most waited-for bin
     *     ({@link BinWaits})
     * @param cacheLines pairs of members written by different threads on one cache line, most interleaved first
     * @param deadlocks the deadlock cycles the agent found, first found first
     */
    public Profile(RecordingInfo recording, List<Lock> locks, List<ThreadActivity> threads, List<WaitStack> waitStacks,
            List<Executor> executors, Map<String, Double> largestBinShares, List<CacheLine> cacheLines,
            List<Deadlock> deadlocks) {
        this.deadlocks = List.copyOf(deadlocks);
        this.largestBinShares = Map.copyOf(largestBinShares);
        this.cacheLines = List.copyOf(cacheLines);
        this.recording = Objects.requireNonNull(recording, "recording");
        this.locks = List.copyOf(locks);
        this.threads = List.copyOf(threads);
        this.waitStacks = List.copyOf(waitStacks);
        this.executors = List.copyOf(executors);
        for (ThreadActivity thread : this.threads) {
            threadsById.put(thread.id(), thread);
        }
    }

    /** A profile without deadlocks. */
    public Profile(RecordingInfo recording, List<Lock> locks, List<ThreadActivity> threads, List<WaitStack> waitStacks,
            List<Executor> executors, Map<String, Double> largestBinShares, List<CacheLine> cacheLines) {
        this(recording, locks, threads, waitStacks, executors, largestBinShares, cacheLines, List.of());
    }

    /** A profile without cache lines. */
    public Profile(RecordingInfo recording, List<Lock> locks, List<ThreadActivity> threads, List<WaitStack> waitStacks,
            List<Executor> executors, Map<String, Double> largestBinShares) {
        this(recording, locks, threads, waitStacks, executors, largestBinShares, List.of());
    }

    /** A profile without bin waits. */
    public Profile(RecordingInfo recording, List<Lock> locks, List<ThreadActivity> threads, List<WaitStack> waitStacks,
            List<Executor> executors) {
        this(recording, locks, threads, waitStacks, executors, Map.of());
    }

    /** A profile without executors. */
    public Profile(RecordingInfo recording, List<Lock> locks, List<ThreadActivity> threads, List<WaitStack> waitStacks) {
        this(recording, locks, threads, waitStacks, List.of());
    }

    /**
     * For a lock that stands for the bins of a map ({@code ConcurrentHashMap.compute*}), the share of their wait
     * that was for the most waited-for bin: near 1 when one key is the lock, small when the waits spread over many
     * bins, each its own lock. Empty for other locks.
     */
    public OptionalDouble largestBinShare(Lock lock) {
        Double share = largestBinShares.get(lock.className());
        return share == null ? OptionalDouble.empty() : OptionalDouble.of(share);
    }

    /** Members written by different threads on one cache line, and shared ones, most interleaved first. */
    public List<CacheLine> cacheLines() {
        return cacheLines;
    }

    /** The deadlock cycles the agent found, first found first. */
    public List<Deadlock> deadlocks() {
        return deadlocks;
    }

    /** Facts about the recording. */
    public RecordingInfo recording() {
        return recording;
    }

    /** Locks, longest total wait first. */
    public List<Lock> locks() {
        return locks;
    }

    /** Threads that blocked, waited or ran, longest blocked plus waiting time first. */
    public List<ThreadActivity> threads() {
        return threads;
    }

    /** Distinct waiting stacks with their total wait, largest first. */
    public List<WaitStack> waitStacks() {
        return waitStacks;
    }

    /** Executors (thread pools), most busy time first. */
    public List<Executor> executors() {
        return executors;
    }

    /**
     * The pool whose worker a thread with this name is, by the pool's name ({@link Executor#hasWorker}); the
     * longest matching name wins, and never the agent's bucket of other pools.
     */
    public Optional<Executor> executorOfThread(String threadName) {
        Executor best = null;
        for (Executor executor : executors) {
            if (!executor.isOtherPools() && executor.hasWorker(threadName)
                    && (best == null || executor.name().length() > best.name().length())) {
                best = executor;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The thread with this key. */
    public Optional<ThreadActivity> thread(long id) {
        return Optional.ofNullable(threadsById.get(id));
    }

    /** The name of the thread with this key, or {@code "thread-<id>"} when it is unknown. */
    public String threadName(long id) {
        ThreadActivity thread = threadsById.get(id);
        return thread == null ? "thread-" + id : thread.name();
    }

    /** The names of the threads that waited for this lock, longest total wait first, at most {@code limit}. */
    public List<String> waiterNames(Lock lock, int limit) {
        return lock.waiters().stream().limit(limit).map(waiter -> threadName(waiter.threadId())).toList();
    }

    /**
     * How long the threads that waited for this lock were alive during the recording, summed; a thread
     * whose lifetime is unknown counts at least its wait for this lock. Waiting threads the agent counted but
     * whose (sampled) waits left no event count as alive for the whole recording, which can only lower the
     * lock's {@link #waitShare}.
     */
    public long aliveNanosOfWaiters(Lock lock) {
        long sum = 0;
        for (Lock.ThreadWait waiter : lock.waiters()) {
            ThreadActivity thread = threadsById.get(waiter.threadId());
            sum += thread == null ? waiter.waitNanos() : Math.max(thread.aliveNanos(), waiter.waitNanos());
        }
        int unseenWaiters = lock.waitingThreads() - lock.waiters().size();
        return sum + Math.max(0, unseenWaiters) * recording.durationNanos();
    }

    /**
     * Share of its waiting threads' time that went to waiting for this lock: lock wait divided by
     * {@link #aliveNanosOfWaiters}; 0 for a lock nobody waited for.
     */
    public double waitShare(Lock lock) {
        long aliveNanos = aliveNanosOfWaiters(lock);
        // At most 1: the agent's totals and its sampled per-thread waits are estimated apart.
        return aliveNanos == 0 ? 0.0 : Math.min(1.0, (double) lock.waitNanos() / aliveNanos);
    }
}
