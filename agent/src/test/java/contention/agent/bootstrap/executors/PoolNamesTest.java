// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.bootstrap.executors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PoolNamesTest {

    @Test
    void trailingCounterIsRemoved() {
        assertThat(PoolNames.fromWorker("resize-1")).isEqualTo("resize");
        assertThat(PoolNames.fromWorker("resize-12")).isEqualTo("resize");
    }

    @Test
    void defaultThreadFactoryNamesThePool() {
        assertThat(PoolNames.fromWorker("pool-3-thread-7")).isEqualTo("pool-3");
    }

    @Test
    void forkJoinWorkersNameThePool() {
        assertThat(PoolNames.fromWorker("ForkJoinPool-2-worker-1")).isEqualTo("ForkJoinPool-2");
        assertThat(PoolNames.fromWorker("ForkJoinPool.commonPool-worker-3")).isEqualTo("ForkJoinPool.commonPool");
    }

    @Test
    void namesThatSayNothingGiveNoName() {
        assertThat(PoolNames.fromWorker("Thread-4")).isNull();
        assertThat(PoolNames.fromWorker("")).isNull();
        assertThat(PoolNames.fromWorker("17")).isNull();
    }

    @Test
    void differentWorkerNamesKeepTheirCommonPrefix() {
        assertThat(PoolNames.common("io-a", "io-b")).isEqualTo("io");
        assertThat(PoolNames.common("resize", "other")).isEqualTo("resize");
    }

    @Test
    void poolWithoutWorkerNameIsNamedByClassAndCreationSite() {
        PoolState state = new PoolState(7, new Object(), PoolState.KIND_THREAD_PER_TASK,
                "java.util.concurrent.ThreadPerTaskExecutor", "com.acme.Main.main(Main.java:12)\ncom.acme.X.y(X.java:1)",
                null, false);
        assertThat(state.name()).isEqualTo("ThreadPerTaskExecutor@com.acme.Main.main(Main.java:12)");
        state.workerStarted(new Thread(() -> { }, "crawl-1"));
        state.workerStarted(new Thread(() -> { }, "crawl-2"));
        assertThat(state.name()).isEqualTo("crawl");
    }
}
