// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import contention.analyzer.model.CallSite;
import contention.analyzer.model.LockWindow;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A lock's windows: waits and periods shared out by overlap, cut to the recording, samples counted inside. */
class LockTimelineTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 1_700_000_000L * SECOND; // on a whole second, as windows are

    @Test
    void aWaitAcrossTwoWindowsIsSharedByOverlapAndItsThreadCountsInBoth() {
        LockTimeline timeline = new LockTimeline();
        timeline.addWait(T0 + SECOND + SECOND / 4, SECOND / 2, 42); // 250 ms in window 0, 250 ms in window 1

        List<LockWindow> windows = timeline.toWindows(T0, T0 + 2 * SECOND, null, new long[0]);

        assertThat(windows).hasSize(2);
        assertThat(windows.get(0).waitNanos()).isEqualTo(SECOND / 4);
        assertThat(windows.get(1).waitNanos()).isEqualTo(SECOND / 4);
        assertThat(windows).allSatisfy(w -> assertThat(w.threads()).isEqualTo(1));
        assertThat(windows).allSatisfy(w -> assertThat(w.holdKnown()).isFalse());
    }

    @Test
    void windowsAreCutToTheRecordingStartFromItAndListOnlySecondsTheLockWasUsed() {
        LockTimeline timeline = new LockTimeline();
        timeline.addPeriod(T0 + SECOND, SECOND, 400, 800, 3);
        timeline.addWait(T0 + 3 * SECOND + 10, 10, 7);

        List<LockWindow> windows = timeline.toWindows(T0 + SECOND / 2, T0 + 3 * SECOND + SECOND / 10, null,
                new long[0]);

        assertThat(windows).extracting(LockWindow::startNanos).containsExactly(0L, 5 * SECOND / 2);
        assertThat(windows).extracting(LockWindow::durationNanos).containsExactly(SECOND / 2, SECOND / 10);
        assertThat(windows.get(0).holdNanos()).isEqualTo(800);
        assertThat(windows.get(0).threads()).isEqualTo(3);
        assertThat(windows.get(1).holdNanos()).isZero(); // held time is known for the lock, none in this window
        assertThat(windows.get(1).threads()).isEqualTo(1);
    }

    @Test
    void samplesOfAThreadAcquiringTheLockCountNeitherWay() {
        ExecutionSamples samples = new ExecutionSamples();
        samples.add(1, T0 + 10, Set.of("com.acme.Ledger.post"));
        samples.add(1, T0 + 20, Set.of("com.acme.Ledger.post", "java.util.concurrent.locks.ReentrantLock.lock",
                "java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire", "jdk.internal.misc.Unsafe.park"));
        samples.add(1, T0 + 30, Set.of("com.acme.Ledger.audit"));
        LockTimeline timeline = new LockTimeline();
        timeline.addWait(T0 + 500, 10, 1);

        LockWindow window = timeline.toWindows(T0, T0 + SECOND, samples.inside(Set.of("com.acme.Ledger.post")),
                new long[0]).get(0);

        assertThat(window.samples()).isEqualTo(2);
        assertThat(window.samplesInside()).isEqualTo(1);
    }

    @Test
    void aThreadWaitingTwiceInAWindowCountsOnce() {
        LockTimeline timeline = new LockTimeline();
        timeline.addWait(T0 + 100, 50, 1);
        timeline.addWait(T0 + 300, 50, 1);
        timeline.addWait(T0 + 500, 50, 2);
        assertThat(timeline.toWindows(T0, T0 + SECOND, null, new long[0]).get(0).threads()).isEqualTo(2);
    }

    @Test
    void samplesOfTheWaitingThreadsAreCountedInsideTheMethodThatTakesTheLock() {
        ExecutionSamples samples = new ExecutionSamples();
        samples.add(1, T0 + 10, Set.of("com.acme.Ids.next", "com.acme.Orders.take"));
        samples.add(1, T0 + 20, Set.of("com.acme.Orders.take"));
        samples.add(2, T0 + 30, Set.of("java.lang.String.format", "com.acme.Ids.next"));
        samples.add(3, T0 + 40, Set.of("com.acme.Ids.next")); // never waited: not one of the lock's threads
        LockTimeline timeline = new LockTimeline();
        timeline.addWait(T0 + 500, 10, 1);
        timeline.addWait(T0 + 600, 10, 2);
        Set<String> critical = CriticalMethods.of(List.of(new CallSite("com.acme.Orders.take(Orders.java:9)", 1, 1,
                List.of("com.acme.Ids.next(Ids.java:20)", "com.acme.Orders.take(Orders.java:9)"))));

        LockWindow window = timeline.toWindows(T0, T0 + SECOND, samples.inside(critical), new long[0]).get(0);

        assertThat(critical).containsExactly("com.acme.Ids.next");
        assertThat(window.samples()).isEqualTo(3);
        assertThat(window.samplesInside()).isEqualTo(2);
    }

    @Test
    void theLockMachineryIsNotTheCriticalMethod() {
        Set<String> critical = CriticalMethods.of(List.of(new CallSite("com.acme.Ledger.post(Ledger.java:31)", 1, 1,
                List.of("jdk.internal.misc.Unsafe.park(Unsafe.java:-1)",
                        "java.util.concurrent.locks.AbstractQueuedSynchronizer.acquire(AbstractQueuedSynchronizer.java:715)",
                        "java.util.concurrent.locks.ReentrantLock.lock(ReentrantLock.java:322)",
                        "com.acme.Ledger.post(Ledger.java:31)"))));
        assertThat(critical).containsExactly("com.acme.Ledger.post");
    }
}
