// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class MonitorWaitSamplerTest {

    private final Object monitor = new Object();
    private final Object other = new Object();

    @Test
    void countsTheWatchedThreadsBlockedOnTheWatchedMonitor() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            synchronized (monitor) {
                held.countDown();
                awaitQuietly(release);
            }
        }, "holder");
        holder.start();
        held.await();
        Thread waiter = new Thread(() -> {
            synchronized (monitor) {
                // entered once the holder lets go
            }
        }, "waiter");
        Thread elsewhere = new Thread(() -> {
            synchronized (other) {
                // blocked on another monitor: not counted
            }
        }, "elsewhere");
        try {
            synchronized (other) {
                waiter.start();
                elsewhere.start();
                awaitBlocked(waiter);
                awaitBlocked(elsewhere);
                MonitorWaitSampler sampler = MonitorWaitSampler.ofThisJvm();
                sampler.sample(); // nothing watched yet: no look
                assertThat(sampler.takeAndWatch(List.of(new MonitorWaitSampler.Candidate(7,
                        System.identityHashCode(monitor), new long[] {holder.getId(), waiter.getId(),
                                elsewhere.getId()})))).isEmpty();
                for (int i = 0; i < 10; i++) {
                    sampler.sample();
                }
                Map<Long, MonitorWaitSampler.Waits> found = sampler.takeAndWatch(List.of());
                assertThat(found).containsOnlyKeys(7L);
                assertThat(found.get(7L).samples).isEqualTo(10);
                assertThat(found.get(7L).blocked).isEqualTo(10); // the waiter, each time; not the holder
                assertThat(found.get(7L).waitNanos(1_000_000_000L)).isEqualTo(1_000_000_000L);
                assertThat(sampler.waitingSite(7)).as("the waiter's frame")
                        .startsWith("contention.agent.recording.MonitorWaitSamplerTest.lambda$")
                        .contains("(MonitorWaitSamplerTest.java:");
                assertThat(sampler.waitingSite(8)).isEmpty();
                sampler.sample();
                assertThat(sampler.takeAndWatch(List.of())).isEmpty();
            }
        } finally {
            release.countDown();
            holder.join();
            waiter.join();
            elsewhere.join();
        }
    }

    @Test
    void watchesAtMostTheBusiestMonitorsAndThreads() {
        MonitorWaitSampler sampler = new MonitorWaitSampler((ids, depth) -> {
            assertThat(ids).hasSizeLessThanOrEqualTo(MonitorWaitSampler.MAX_THREADS).doesNotHaveDuplicates();
            return new java.lang.management.ThreadInfo[ids.length];
        });
        List<MonitorWaitSampler.Candidate> many = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long[] threads = new long[32];
            for (int t = 0; t < threads.length; t++) {
                threads[t] = t + i; // overlapping ids
            }
            many.add(new MonitorWaitSampler.Candidate(i, 1000 + i, threads));
        }
        sampler.takeAndWatch(many);
        sampler.sample();
        assertThat(sampler.takeAndWatch(List.of()).keySet())
                .containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    private static void awaitBlocked(Thread thread) throws InterruptedException {
        while (thread.getState() != Thread.State.BLOCKED) {
            Thread.sleep(1);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
