// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import contention.it.fixtures.ExecutorSemanticsMain;
import contention.it.support.Analyzer;
import contention.it.support.ChildJvm;
import contention.it.support.TestJdk;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent never changes what an executor does: results, exceptions, cancellation, hooks, rejection, scheduling
 * order, {@code shutdownNow}, queue contents and {@code remove} (the very objects submitted, never wrappers) behave
 * the same, line for line, with and without it, for {@code ThreadPoolExecutor}, {@code ScheduledThreadPoolExecutor},
 * {@code ForkJoinPool}, the common pool with parallel streams and {@code CompletableFuture}, and on JDK 21 and later
 * the virtual-thread-per-task executor; on every JDK present. A third run checks that the recording has every kind
 * of pool, which needs the agent's executor events and the analyzer's {@code executors[]}.
 */
class ExecutorSemanticsIT {

    /** Every section but the virtual threads, which have their own test so that JDK 17 skips it visibly. */
    static final String[] PLATFORM_SECTIONS = {"tpe", "scheduled", "forkjoin", "common"};

    static final int COMMON_POOL_PARALLELISM = 3;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void executorsBehaveExactlyAsWithoutTheAgent(TestJdk jdk) throws Exception {
        String[] args = args("1500", PLATFORM_SECTIONS);
        ChildJvm.Result without = child(jdk).run(main(), args);
        Path recording = dir.resolve("executors.jfr");
        ChildJvm.Result with = child(jdk).withAgent("file=" + recording)
                .run(main(), args);
        assertThat(without.exitCode).as("%s", without).isZero();
        assertThat(with.exitCode).as("%s", with).isZero();
        assertThat(with.stdout).isEqualTo(without.stdout);
        assertThat(with.stdout).doesNotContain("stuck=", "unexpected in ").contains(
                "tpe.submitCallable=answer-42",
                "tpe.submitRunnable=null, given",
                "tpe.execute=ran=100",
                "tpe.exception=ExecutionException cause=java.lang.IllegalStateException: boom, isDone=true,"
                        + " isCancelled=false",
                "tpe.futureToString=java.util.concurrent.FutureTask[Completed normally],"
                        + " java.util.concurrent.FutureTask[Completed exceptionally: java.lang.IllegalStateException:"
                        + " boom]",
                "tpe.hooksSeeSameObjects=execute=true, submit=true",
                "tpe.executeThrows=afterExecute=java.lang.IllegalArgumentException: from execute,"
                        + " uncaught=java.lang.IllegalArgumentException: from execute, poolStillWorks=yes",
                "tpe.cancelQueued=cancel=true, isCancelled=true, isDone=true, get=CancellationException, ran=0,"
                        + " cancelAgain=false",
                "tpe.cancelRunning=cancel=true, task saw InterruptedException, isCancelled=true",
                "tpe.invokeAll=[1, 2, 3]",
                "tpe.invokeAllTimeout=[quick, cancelled]",
                "tpe.invokeAny=second",
                "tpe.invokeAnyAllFail=ExecutionException cause=java.lang.IllegalStateException: fails",
                "tpe.shutdown=terminated=true, largestPoolSize=2, afterShutdown=RejectedExecutionException",
                "tpe.queueIdentity=queue=4, sameObjects=true, contains=true, remove=true, removeAgain=false, size=3,"
                        + " shutdownNow=3, sameObjects=true, names=[r1, r3], f4Done=false, running task interrupted,"
                        + " terminated=true, isShutdown=true, afterShutdownNow=RejectedExecutionException",
                "tpe.rejection=handlerGotSameObject=true, first=true, abortPolicy=RejectedExecutionException,"
                        + " terminated=true",
                "tpe.factories=fixed=f, single=s, cached=c, workStealing=w, true, true, true, true",
                "scheduled.delayOrder=[40, 80, 120]",
                "scheduled.callable=scheduled-value,"
                        + " java.util.concurrent.ScheduledThreadPoolExecutor$ScheduledFutureTask[Completed normally]",
                "scheduled.exception=ExecutionException cause=java.lang.IllegalStateException: scheduled boom",
                "scheduled.queueIdentity=delayPositive=true, queue=1, sameObject=true, remove=true, size=0,"
                        + " cancelAfterRemove=true",
                "scheduled.fixedRateCancel=cancel=true, isCancelled=true, get=CancellationException,"
                        + " stoppedAfterCancel=true",
                "scheduled.periodicThrows=ExecutionException cause=java.lang.IllegalStateException: third run fails,"
                        + " runs=3, isDone=true",
                "scheduled.shutdownPolicies=delayedRanAfterShutdown=true, periodicCancelled=true, terminated=true,"
                        + " afterShutdown=RejectedExecutionException",
                "scheduled.shutdownNow=shutdownNow=3, sameObjects=true,"
                        + " class=java.util.concurrent.ScheduledThreadPoolExecutor$ScheduledFutureTask, terminated=true",
                "forkjoin.invoke=5000050000",
                "forkjoin.submitCallable=fj-7",
                "forkjoin.submitThrows=ExecutionException cause=java.lang.IllegalStateException: fj boom",
                "forkjoin.joinThrows=thrown java.lang.IllegalStateException: failed at 77777",
                "forkjoin.cancel=cancel=true, isCancelled=true, isCompletedAbnormally=true,"
                        + " join=CancellationException",
                "forkjoin.execute=allRan=true",
                "forkjoin.invokeAll=[4, 5, 6]",
                "forkjoin.invokeAny=only",
                "forkjoin.parallelStreamInPool=10000100000",
                "forkjoin.shutdownNow=returned=0, terminated=true, afterShutdown=RejectedExecutionException",
                "common.parallelStream=4999950000",
                "common.invoke=1250025000",
                "common.submit=common",
                "common.supplyAsync=42, java.util.concurrent.CompletableFuture[Completed normally]",
                "common.supplyAsyncThrows=CompletionException cause=java.lang.IllegalStateException: async boom,"
                        + " get=ExecutionException cause=java.lang.IllegalStateException: async boom,"
                        + " exceptionally=recovered from java.lang.IllegalStateException: async boom",
                "common.cancel=cancel=true, isCancelled=true, isCompletedExceptionally=true,"
                        + " join=CancellationException",
                "common.allOf=385",
                "common.runAsync=ran=true",
                "common.shutdownIgnored=isShutdown=false, stillRuns=yes",
                "done");
        assertThat(with.agentLines()).as("%s", with).noneMatch(line -> line.contains("could not"))
                .anyMatch(line -> line.startsWith("contention: wrote " + recording));
    }

    /**
     * An app may size the common pool from {@code main} by setting its system property before anything uses the
     * pool; that works only if the agent has not created the pool before {@code main}.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void commonPoolSizedInMainAsWithoutTheAgent(TestJdk jdk) throws Exception {
        String[] args = args("0", "commonsize");
        ChildJvm.Result without = ChildJvm.on(jdk, dir).classPath(fixtures()).run(main(), args);
        ChildJvm.Result with = ChildJvm.on(jdk, dir).classPath(fixtures())
                .withAgent("file=" + dir.resolve("commonsize.jfr")).run(main(), args);
        assertThat(without.exitCode).as("%s", without).isZero();
        assertThat(with.exitCode).as("%s", with).isZero();
        assertThat(without.stdout).contains("commonsize.parallelismSetInMain=5");
        assertThat(with.stdout).as("the common pool was created before main").isEqualTo(without.stdout);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void virtualThreadPerTaskExecutorBehavesExactlyAsWithoutTheAgent(TestJdk jdk) throws Exception {
        String[] args = args("0", "virtual");
        ChildJvm.Result without = child(jdk).run(main(), args);
        assertThat(without.exitCode).as("%s", without).isZero();
        if (jdk.feature() < 21) {
            assertThat(without.stdout).contains("virtual.skipped=Executors.newVirtualThreadPerTaskExecutor needs JDK 21"
                    + " or later, this is JDK " + jdk.feature());
            String message = "virtual threads need JDK 21 or later, this is JDK " + jdk.feature()
                    + "; skipping the virtual-thread-per-task executor";
            System.out.println("SKIPPED: " + message);
            Assumptions.abort(message);
        }
        Path recording = dir.resolve("virtual.jfr");
        ChildJvm.Result with = child(jdk).withAgent("file=" + recording)
                .run(main(), args);
        assertThat(with.exitCode).as("%s", with).isZero();
        assertThat(with.stdout).isEqualTo(without.stdout);
        assertThat(with.stdout).doesNotContain("stuck=", "unexpected in ", "virtual.skipped").contains(
                "virtual.submit=isVirtual=true,"
                        + " java.util.concurrent.ThreadPerTaskExecutor$ThreadBoundFuture[Completed normally]",
                "virtual.exception=ExecutionException cause=java.lang.IllegalStateException: virtual boom",
                "virtual.manySleeping=499500",
                "virtual.invokeAll=[7, 8, 9]",
                "virtual.invokeAny=virtual-any",
                "virtual.cancelRunning=cancel=true, task saw InterruptedException, isCancelled=true",
                "virtual.shutdownNow=returned=0, terminated=true, afterShutdown=RejectedExecutionException",
                "done");
        assertThat(with.agentLines()).as("%s", with).noneMatch(line -> line.contains("could not"));
    }

    /** Needs the agent's executor events and the analyzer's executors[]: every kind of pool the fixture used. */
    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void recordingNamesEveryKindOfPool(TestJdk jdk) throws Exception {
        Path recording = dir.resolve("pools.jfr");
        ChildJvm.Result run = child(jdk)
                .record(recording, main(), args("1500", "tpe", "scheduled", "forkjoin", "common", "virtual",
                        "fjqueue"));
        assertThat(run.stdout).as("%s", run).contains("done").doesNotContain("stuck=", "unexpected in ");

        JsonNode report = Analyzer.reportJson(recording);
        assertThat(ExecutorReports.executorNames(report)).as("executors: %s", report.path("executors"))
                .contains("semantics-tpe", "semantics-queue", "semantics-scheduled", "semantics-fj",
                        "ForkJoinPool.commonPool");
        assertThat(ExecutorReports.executor(report, "semantics-scheduled").path("class").asText())
                .isEqualTo("java.util.concurrent.ScheduledThreadPoolExecutor");
        assertThat(ExecutorReports.executor(report, "semantics-fj").path("class").asText())
                .isEqualTo("java.util.concurrent.ForkJoinPool");
        assertThat(ExecutorReports.executor(report, "ForkJoinPool.commonPool").path("tasks").asLong()).isPositive();
        assertThat(ExecutorReports.executor(report, "semantics-tpe").path("tasks").asLong()).isPositive();
        // Plain Runnables in a ForkJoinPool are wrapped by the pool; their queue wait is timed on the wrapper.
        JsonNode fjQueue = ExecutorReports.executor(report, "semantics-fjqueue");
        assertThat(fjQueue.path("queueWaitMs").path("max").asDouble()).as("%s", fjQueue).isGreaterThan(10);
        assertThat(fjQueue.path("runTimeMs").path("p50").asDouble()).as("%s", fjQueue).isBetween(0.9, 2.0);
        if (jdk.feature() >= 21) {
            assertThat(report.path("executors")).as("executors: %s", report.path("executors")).anyMatch(
                    e -> e.path("class").asText().equals("java.util.concurrent.ThreadPerTaskExecutor")
                            && e.path("runTimeMs").path("max").asDouble() > 0);
        }
    }

    /**
     * A child JVM on the fixtures, with a common pool of {@value #COMMON_POOL_PARALLELISM} threads whatever the
     * machine: with fewer than 3 CPUs the pool has one thread and JDK 17's {@code CompletableFuture} bypasses it
     * (a new thread per task), so the common-pool checks would not run there.
     */
    private ChildJvm child(TestJdk jdk) throws Exception {
        return ChildJvm.on(jdk, dir).classPath(fixtures())
                .jvmArg("-Djava.util.concurrent.ForkJoinPool.common.parallelism=" + COMMON_POOL_PARALLELISM);
    }

    private static String[] args(String delayMillis, String... sections) {
        String[] args = new String[sections.length + 1];
        args[0] = delayMillis;
        System.arraycopy(sections, 0, args, 1, sections.length);
        return args;
    }

    private static String main() {
        return ExecutorSemanticsMain.class.getName();
    }

    private static String fixtures() throws Exception {
        return Paths.get(ExecutorSemanticsMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
    }
}
