// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.read;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which park blockers are lock acquisitions. */
class ParkBlockersTest {

    @Test
    void lockSynchronizersNameTheirLock() {
        assertThat(ParkBlockers.lockClassOf("java.util.concurrent.locks.ReentrantLock$NonfairSync"))
                .isEqualTo("java.util.concurrent.locks.ReentrantLock");
        assertThat(ParkBlockers.lockClassOf("java.util.concurrent.locks.ReentrantLock$FairSync"))
                .isEqualTo("java.util.concurrent.locks.ReentrantLock");
        assertThat(ParkBlockers.lockClassOf("java.util.concurrent.locks.ReentrantReadWriteLock$NonfairSync"))
                .isEqualTo("java.util.concurrent.locks.ReentrantReadWriteLock");
        assertThat(ParkBlockers.lockClassOf("java.util.concurrent.locks.ReentrantReadWriteLock$FairSync"))
                .isEqualTo("java.util.concurrent.locks.ReentrantReadWriteLock");
        assertThat(ParkBlockers.lockClassOf("java.util.concurrent.Semaphore$NonfairSync"))
                .isEqualTo("java.util.concurrent.Semaphore");
        assertThat(ParkBlockers.lockClassOf("java.util.concurrent.locks.StampedLock"))
                .isEqualTo("java.util.concurrent.locks.StampedLock");
    }

    @Test
    void waitingForWorkIsNotALock() {
        assertThat(ParkBlockers.lockClassOf(null)).isNull();
        assertThat(ParkBlockers.lockClassOf("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject"))
                .isNull();
        assertThat(ParkBlockers.lockClassOf("java.util.concurrent.CountDownLatch$Sync")).isNull();
        assertThat(ParkBlockers.lockClassOf("java.util.concurrent.FutureTask")).isNull();
        assertThat(ParkBlockers.lockClassOf("java.util.concurrent.SynchronousQueue$TransferStack")).isNull();
        assertThat(ParkBlockers.lockClassOf("java.util.concurrent.locks.ReentrantLock$Sync$Other")).isNull();
        assertThat(ParkBlockers.lockClassOf("java.util.concurrent.SemaphoreLike")).isNull();
    }
}
