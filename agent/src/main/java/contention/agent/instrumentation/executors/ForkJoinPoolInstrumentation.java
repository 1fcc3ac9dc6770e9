// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.instrumentation.executors;

import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import contention.agent.bootstrap.executors.ExecutorHooks;
import contention.agent.instrumentation.TypeInstrumentation;
import java.util.Collection;
import java.util.concurrent.ForkJoinPool;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@link ForkJoinPool}, the common pool included: construction and external submissions. Its internals differ
 * between JDK 17 ({@code externalSubmit}, {@code externalPush}) and 25 ({@code poolSubmit}), so only public methods
 * are hooked, none of which calls another (checked with {@code javap -c} on both; the {@code Future}-returning
 * {@code submit} bridges are skipped): {@code execute}, {@code submit}, {@code invoke}, and on JDK 25
 * {@code externalSubmit}, {@code lazySubmit}, {@code schedule*}, {@code submitWithTimeout}; {@code invokeAll} and
 * {@code invokeAny} count one submission per task. Internal submissions are {@code ForkJoinTask.fork}
 * ({@link ForkJoinTaskInstrumentation}). A sampled Runnable or Callable has its queue wait timed on the
 * ForkJoinTask the pool wraps it in, the first one constructed inside the call.
 */
public final class ForkJoinPoolInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("java.util.concurrent.ForkJoinPool");
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return (builder, type, loader, module, domain) -> builder
                .visit(Advice.to(RegisterPoolAdvice.class).on(isConstructor()))
                .visit(Advice.to(CountSubmitAdvice.class).on(isPublic().and(not(isBridge()))
                        .and(namedOneOf("execute", "submit", "invoke", "externalSubmit", "lazySubmit", "schedule",
                                "scheduleAtFixedRate", "scheduleWithFixedDelay", "submitWithTimeout"))
                        .and(not(takesArguments(0)))))
                .visit(Advice.to(CountSubmitAllAdvice.class).on(isPublic().and(not(isBridge()))
                        .and(namedOneOf("invokeAll", "invokeAny", "invokeAllUninterruptibly"))
                        .and(takesArgument(0, Collection.class))));
    }

    static final class RegisterPoolAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object pool) {
            ExecutorHooks.poolCreated(pool);
        }
    }

    static final class CountSubmitAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter(@Advice.This ForkJoinPool pool, @Advice.Argument(0) Object task) {
            return ExecutorHooks.forkJoinSubmitted(pool, task);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter boolean adapting) {
            if (adapting) {
                ExecutorHooks.forkJoinSubmitExited();
            }
        }
    }

    static final class CountSubmitAllAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This ForkJoinPool pool, @Advice.Argument(0) Collection<?> tasks) {
            ExecutorHooks.forkJoinSubmittedAll(pool, tasks);
        }
    }
}
