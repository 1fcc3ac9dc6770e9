// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.instrumentation.executors;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import contention.agent.bootstrap.executors.ExecutorHooks;
import contention.agent.instrumentation.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code java.util.concurrent.ThreadPerTaskExecutor} (JDK 21+, {@code Executors.newVirtualThreadPerTaskExecutor}),
 * matched by name, so nothing happens on JDK 17. It has no queue and no workers: each task gets a thread, started
 * in {@code private void start(Thread)} (every public submission goes through it) and accounted for in
 * {@code private void taskComplete(Thread)}, the only non-public hooks, as its public methods call one another.
 * Its tasks' runs are timed by {@link ThreadPerTaskRunInstrumentation}.
 */
public final class ThreadPerTaskExecutorInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("java.util.concurrent.ThreadPerTaskExecutor");
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return (builder, type, loader, module, domain) -> builder
                .visit(Advice.to(RegisterPoolAdvice.class).on(isConstructor()))
                .visit(Advice.to(CountStartAdvice.class).on(named("start").and(takesArguments(Thread.class))))
                .visit(Advice.to(CountCompleteAdvice.class).on(named("taskComplete").and(takesArguments(Thread.class))));
    }

    static final class RegisterPoolAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object executor) {
            ExecutorHooks.poolCreated(executor);
        }
    }

    static final class CountStartAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object executor, @Advice.Argument(0) Thread taskThread) {
            ExecutorHooks.threadPerTaskStarting(executor, taskThread);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.This Object executor, @Advice.Argument(0) Thread taskThread,
                @Advice.Thrown Throwable thrown) {
            if (thrown != null) {
                ExecutorHooks.threadPerTaskRejected(executor, taskThread);
            }
        }
    }

    static final class CountCompleteAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object executor) {
            ExecutorHooks.threadPerTaskCompleted(executor);
        }
    }
}
