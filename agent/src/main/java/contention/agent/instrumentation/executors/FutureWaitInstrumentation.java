// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.instrumentation.executors;

import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import contention.agent.bootstrap.executors.ExecutorHooks;
import contention.agent.instrumentation.TypeInstrumentation;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Waits for another task's result on a pool's worker, the evidence for executor starvation: {@code FutureTask.get},
 * {@code CompletableFuture.join}/{@code get}, {@code ForkJoinTask.join}/{@code get}/{@code invoke}, with or without
 * a timeout; public and the same in JDK 17 and 25. A future already done costs one check and is not timed.
 */
public final class FutureWaitInstrumentation implements TypeInstrumentation {

    static final String FUTURE_TASK = "java.util.concurrent.FutureTask";
    static final String COMPLETABLE_FUTURE = "java.util.concurrent.CompletableFuture";
    static final String FORK_JOIN_TASK = "java.util.concurrent.ForkJoinTask";

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return namedOneOf(FUTURE_TASK, COMPLETABLE_FUTURE, FORK_JOIN_TASK);
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return (builder, type, loader, module, domain) -> builder
                .visit(Advice.to(TimeWaitAdvice.class).on(isDeclaredBy(named(FUTURE_TASK))
                        .and(named("get")).and(takesArguments(0).or(takesArguments(long.class, TimeUnit.class)))))
                .visit(Advice.to(TimeWaitAdvice.class).on(isDeclaredBy(named(COMPLETABLE_FUTURE))
                        .and(named("join").and(takesArguments(0))
                                .or(named("get").and(takesArguments(0).or(takesArguments(long.class, TimeUnit.class)))))))
                .visit(Advice.to(TimeWaitAdvice.class).on(isDeclaredBy(named(FORK_JOIN_TASK))
                        .and(namedOneOf("join", "invoke").and(takesArguments(0))
                                .or(named("get").and(takesArguments(0).or(takesArguments(long.class, TimeUnit.class)))))));
    }

    static final class TimeWaitAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Object enter(@Advice.This Future<?> future) {
            return ExecutorHooks.waitEntering(future);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Object thread, @Advice.Origin("#t.#m") String method) {
            if (thread != null) {
                ExecutorHooks.waitExited(thread, method);
            }
        }
    }
}
