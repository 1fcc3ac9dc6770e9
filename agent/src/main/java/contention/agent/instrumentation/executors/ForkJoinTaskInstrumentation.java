// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.instrumentation.executors;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import contention.agent.bootstrap.executors.ExecutorHooks;
import contention.agent.instrumentation.TypeInstrumentation;
import java.util.concurrent.ForkJoinTask;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@link ForkJoinTask}: {@code public final ForkJoinTask<V> fork()} is a submission to the current worker's pool
 * (the common pool from outside one), and so is {@code public final V invoke()}, whose caller runs the task itself;
 * {@code doExec()} runs every task a pool runs, in JDK 17
 * ({@code final int doExec()}) and 25 ({@code final void doExec()}) alike, so it times every run on a worker,
 * including the tasks a join runs while it helps.
 */
public final class ForkJoinTaskInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("java.util.concurrent.ForkJoinTask");
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return (builder, type, loader, module, domain) -> builder
                .visit(Advice.to(CreatedAdvice.class).on(isConstructor()))
                .visit(Advice.to(CountForkAdvice.class).on(named("fork").and(takesArguments(0))))
                .visit(Advice.to(CountInvokeAdvice.class).on(named("invoke").and(takesArguments(0))))
                .visit(Advice.to(TimeRunAdvice.class).on(named("doExec").and(takesArguments(0))));
    }

    static final class CreatedAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This ForkJoinTask<?> task) {
            ExecutorHooks.forkJoinTaskCreated(task);
        }
    }

    static final class CountForkAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This ForkJoinTask<?> task) {
            ExecutorHooks.forked(task);
        }
    }

    static final class CountInvokeAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This ForkJoinTask<?> task) {
            ExecutorHooks.invokedInline(task);
        }
    }

    static final class TimeRunAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This ForkJoinTask<?> task) {
            return ExecutorHooks.forkJoinTaskStarting(task);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object thread) {
            if (thread != null) {
                ExecutorHooks.forkJoinTaskFinished(thread);
            }
        }
    }
}
