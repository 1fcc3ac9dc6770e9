// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.read;

import java.util.List;
import java.util.Set;

/**
 * Tells a thread's wait inside a task (a sleep, a park on a queue or a future, an {@code Object.wait}, blocking
 * I/O) from a pool worker's own idle wait for work and from a fork/join join, by the waiting stack.
 *
 * <p>The stack is read from the innermost frame outwards, up to the first frame that runs a task or is the
 * application's own: an idle or join method met before that makes the wait idle (or a join); otherwise the
 * wait happened while running a task. Reading only that far matters: a fork/join worker that joins a subtask
 * runs other tasks inside {@code ForkJoinTask.awaitDone}, so a sleep in one of those has {@code awaitDone}
 * further down its stack and is still the task's own wait.
 */
public final class WorkerWaits {

    /*
     * A pool worker waiting for its next task: ThreadPoolExecutor (and ScheduledThreadPoolExecutor) workers in
     * getTask (LinkedBlockingQueue.take, SynchronousQueue.poll, DelayedWorkQueue.take below it), ForkJoinPool
     * workers (the common pool's, and virtual threads' carriers) in awaitWork. Not blocking work.
     */
    private static final Set<String> IDLE_METHODS = Set.of(
            "java.util.concurrent.ThreadPoolExecutor.getTask",
            "java.util.concurrent.ForkJoinPool.awaitWork");

    /*
     * A fork/join join: the worker runs other queued tasks while it waits and the pool compensates when it must
     * block, so the wait is the joined subtasks' time (counted where they run), not blocking work of its own.
     * awaitDone is JDK 17+, internalWait and awaitJoin older JDKs' names.
     */
    private static final Set<String> JOIN_METHODS = Set.of(
            "java.util.concurrent.ForkJoinTask.awaitDone",
            "java.util.concurrent.ForkJoinTask.internalWait",
            "java.util.concurrent.ForkJoinPool.awaitJoin");

    // Frames that run a task: a wait met above them without an idle or join method is the task's.
    private static final Set<String> TASK_METHODS = Set.of(
            "java.util.concurrent.ForkJoinTask.doExec",
            "java.util.concurrent.FutureTask.run",
            "java.util.concurrent.FutureTask.runAndReset",
            "java.util.concurrent.ThreadPoolExecutor.runWorker");

    /**
     * Whether a wait with this stack happened while running a task rather than idle or in a fork/join join.
     *
     * @param classNamesLeafFirst the waiting stack's classes, innermost first (the agent's frames left out)
     * @param methodNamesLeafFirst the methods of the same frames
     * @return {@code false} for an empty stack: without frames a wait cannot be told apart from an idle one
     */
    public static boolean inTask(List<String> classNamesLeafFirst, List<String> methodNamesLeafFirst) {
        if (classNamesLeafFirst.isEmpty()) {
            return false;
        }
        for (int i = 0; i < classNamesLeafFirst.size(); i++) {
            String className = classNamesLeafFirst.get(i);
            if (!ClassNames.isJdk(className)) {
                return true;                                     // the application's code waited
            }
            String method = className + "." + methodNamesLeafFirst.get(i);
            if (IDLE_METHODS.contains(method) || JOIN_METHODS.contains(method)) {
                return false;
            }
            if (TASK_METHODS.contains(method)) {
                return true;                                     // a JDK task (a stream's subtask) waited
            }
        }
        return true;
    }

    private WorkerWaits() {}
}
