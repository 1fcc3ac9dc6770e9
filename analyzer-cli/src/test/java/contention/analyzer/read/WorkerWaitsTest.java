// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which waits happen inside a task, by their stacks as JDK 17 records them. */
class WorkerWaitsTest {

    // "Class.method" frames, innermost first.
    private static boolean inTask(String... frames) {
        List<String> classes = new ArrayList<>();
        List<String> methods = new ArrayList<>();
        for (String frame : frames) {
            int dot = frame.lastIndexOf('.');
            classes.add(frame.substring(0, dot));
            methods.add(frame.substring(dot + 1));
        }
        return WorkerWaits.inTask(classes, methods);
    }

    @Test
    void idleThreadPoolWorkersWaitForWork() {
        assertThat(inTask("jdk.internal.misc.Unsafe.park", "java.util.concurrent.locks.LockSupport.park",
                "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.await",
                "java.util.concurrent.LinkedBlockingQueue.take", "java.util.concurrent.ThreadPoolExecutor.getTask",
                "java.util.concurrent.ThreadPoolExecutor.runWorker", "java.util.concurrent.ThreadPoolExecutor$Worker.run",
                "com.acme.NamedThreadFactory.lambda$newThread$0", "java.lang.Thread.run")).isFalse();
    }

    @Test
    void idleForkJoinWorkersWaitForWork() {
        assertThat(inTask("jdk.internal.misc.Unsafe.park", "java.util.concurrent.locks.LockSupport.park",
                "java.util.concurrent.ForkJoinPool.awaitWork", "java.util.concurrent.ForkJoinPool.runWorker",
                "java.util.concurrent.ForkJoinWorkerThread.run")).isFalse();
    }

    @Test
    void aForkJoinJoinIsNotTheTasksOwnWait() {
        assertThat(inTask("jdk.internal.misc.Unsafe.park", "java.util.concurrent.locks.LockSupport.park",
                "java.util.concurrent.ForkJoinTask.awaitDone", "java.util.concurrent.ForkJoinTask.invoke",
                "java.util.stream.Nodes.collect", "java.util.stream.ReferencePipeline.toList",
                "com.acme.Crawler.lambda$fetchAll$0", "java.util.concurrent.ForkJoinTask.doExec",
                "java.util.concurrent.ForkJoinPool.runWorker")).isFalse();
    }

    @Test
    void aSleepInATaskRunWhileJoiningIsTheTasks() {
        assertThat(inTask("java.lang.Thread.sleep", "com.acme.Crawler.fetch",
                "java.util.stream.ReferencePipeline$3$1.accept", "java.util.concurrent.ForkJoinTask.doExec",
                "java.util.concurrent.ForkJoinPool.helpJoin", "java.util.concurrent.ForkJoinTask.awaitDone",
                "java.util.concurrent.ForkJoinTask.invoke", "java.util.concurrent.ForkJoinPool.runWorker")).isTrue();
    }

    @Test
    void aWaitInTheApplicationsCodeIsATasks() {
        assertThat(inTask("jdk.internal.misc.Unsafe.park", "java.util.concurrent.locks.LockSupport.park",
                "java.util.concurrent.CompletableFuture$Signaller.block",
                "java.util.concurrent.ForkJoinPool.managedBlock", "java.util.concurrent.CompletableFuture.join",
                "com.acme.Quotes.price", "java.util.concurrent.FutureTask.run",
                "java.util.concurrent.ThreadPoolExecutor.runWorker")).isTrue();
    }

    @Test
    void aWaitInAJdkTaskIsATasks() {
        assertThat(inTask("java.lang.Thread.sleep", "java.util.concurrent.FutureTask.run",
                "java.util.concurrent.ThreadPoolExecutor.runWorker")).isTrue();
    }

    @Test
    void withoutAStackAWaitCannotBeTold() {
        assertThat(WorkerWaits.inTask(List.of(), List.of())).isFalse();
    }
}
