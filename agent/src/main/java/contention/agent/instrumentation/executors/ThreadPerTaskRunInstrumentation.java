// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.instrumentation.executors;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import contention.agent.bootstrap.executors.ExecutorHooks;
import contention.agent.instrumentation.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The two runnables a {@code java.util.concurrent.ThreadPerTaskExecutor} (JDK 21+) gives each task's thread:
 * {@code TaskRunner} for {@code execute}, {@code ThreadBoundFuture} for {@code submit} and {@code invoke*}. Their
 * {@code public void run()} runs the task and then {@code taskComplete}; both hold the executor in a field named
 * {@code executor} (JDK 21 and 25). Timing {@code run()} gives the task's run time, and its start the end of the
 * task's wait for its thread to be scheduled.
 */
public final class ThreadPerTaskRunInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return namedOneOf("java.util.concurrent.ThreadPerTaskExecutor$TaskRunner",
                "java.util.concurrent.ThreadPerTaskExecutor$ThreadBoundFuture");
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return (builder, type, loader, module, domain) -> builder
                .visit(Advice.to(TimeRunAdvice.class).on(named("run").and(takesArguments(0))));
    }

    static final class TimeRunAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Advice.FieldValue("executor") Object executor) {
            return ExecutorHooks.threadPerTaskRunStarting(executor);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.FieldValue("executor") Object executor, @Advice.Enter long startNanos) {
            ExecutorHooks.threadPerTaskRunEnded(executor, startNanos);
        }
    }
}
