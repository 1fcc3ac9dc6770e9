// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.instrumentation.executors;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperClass;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import contention.agent.bootstrap.executors.ExecutorHooks;
import contention.agent.instrumentation.TypeInstrumentation;
import java.util.concurrent.ThreadPoolExecutor;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@link ThreadPoolExecutor} and {@code ScheduledThreadPoolExecutor} (everything {@code Executors.new*} returns but
 * the fork/join and virtual-thread ones): construction, submission, rejection, and each task's run.
 *
 * <p>Hooked, identical in JDK 17 and 25: the public constructors; {@code public void execute(Runnable)}, which
 * {@code submit}, {@code invokeAll} and {@code invokeAny} call with the {@code FutureTask} they queue;
 * {@code final void reject(Runnable)}; {@code final void runWorker(Worker)}, the worker's task loop; the protected
 * {@code beforeExecute(Thread, Runnable)} and {@code afterExecute(Runnable, Throwable)} around each task;
 * {@code ScheduledThreadPoolExecutor.schedule*}, which its {@code execute} and {@code submit} call (it never calls
 * the executor's {@code execute}). A subclass's own {@code beforeExecute} and {@code afterExecute} overrides get the
 * same advice, since they need not call super; the hooks count a task once when they do.
 */
public final class ThreadPoolExecutorInstrumentation implements TypeInstrumentation {

    static final String TPE = "java.util.concurrent.ThreadPoolExecutor";
    static final String STPE = "java.util.concurrent.ScheduledThreadPoolExecutor";

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named(TPE).or(named(STPE)).or(hasSuperClass(named(TPE)));
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        // Each matcher names its declaring type: ScheduledThreadPoolExecutor declares its own execute.
        return (builder, type, loader, module, domain) -> !type.getName().startsWith("java.util.concurrent.")
                ? builder.visit(Advice.to(StartTaskAdvice.class).on(named("beforeExecute").and(takesArguments(2))
                        .and(isDeclaredBy(type))))
                        .visit(Advice.to(EndTaskAdvice.class).on(named("afterExecute").and(takesArguments(2))
                        .and(isDeclaredBy(type))))
                : builder
                .visit(Advice.to(RegisterPoolAdvice.class).on(isConstructor().and(isDeclaredBy(named(TPE)))))
                .visit(Advice.to(CountSubmitAdvice.class).on(named("execute").and(takesArguments(Runnable.class))
                        .and(isDeclaredBy(named(TPE)))))
                .visit(Advice.to(CountRejectAdvice.class).on(named("reject").and(takesArguments(Runnable.class))
                        .and(isDeclaredBy(named(TPE)))))
                .visit(Advice.to(MarkWorkerAdvice.class).on(named("runWorker").and(takesArguments(1))
                        .and(isDeclaredBy(named(TPE)))))
                .visit(Advice.to(StartTaskAdvice.class).on(named("beforeExecute").and(takesArguments(2))
                        .and(isDeclaredBy(named(TPE)))))
                .visit(Advice.to(EndTaskAdvice.class).on(named("afterExecute").and(takesArguments(2))
                        .and(isDeclaredBy(named(TPE)))))
                .visit(Advice.to(CountScheduleAdvice.class).on(named("schedule").or(named("scheduleAtFixedRate"))
                        .or(named("scheduleWithFixedDelay")).and(not(isBridge())).and(isDeclaredBy(named(STPE)))));
    }

    static final class RegisterPoolAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object pool) {
            ExecutorHooks.poolCreated(pool);
        }
    }

    static final class CountSubmitAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This ThreadPoolExecutor pool, @Advice.Argument(0) Runnable task) {
            ExecutorHooks.threadPoolExecute(pool, task);
        }
    }

    static final class CountRejectAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This ThreadPoolExecutor pool, @Advice.Argument(0) Runnable task) {
            ExecutorHooks.threadPoolRejected(pool, task);
        }
    }

    static final class MarkWorkerAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This ThreadPoolExecutor pool) {
            return ExecutorHooks.workerStarting(pool);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object previous) {
            ExecutorHooks.workerExited(previous);
        }
    }

    static final class StartTaskAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This ThreadPoolExecutor pool, @Advice.Argument(1) Runnable task) {
            ExecutorHooks.threadPoolTaskStarting(pool, task);
        }
    }

    static final class EndTaskAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This ThreadPoolExecutor pool, @Advice.Argument(0) Runnable task) {
            ExecutorHooks.threadPoolTaskFinished(pool, task);
        }
    }

    static final class CountScheduleAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This ThreadPoolExecutor pool) {
            ExecutorHooks.scheduled(pool);
        }
    }
}
