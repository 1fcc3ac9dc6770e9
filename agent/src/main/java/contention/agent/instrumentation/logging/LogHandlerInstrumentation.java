// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.instrumentation.logging;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isSynchronized;
import static net.bytebuddy.matcher.ElementMatchers.named;

import contention.agent.bootstrap.MonitorHooks;
import contention.agent.instrumentation.TypeInstrumentation;
import contention.agent.instrumentation.locks.SynchronizedMethodInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code java.util.logging}'s handlers that write a stream: {@code StreamHandler.publish} (which
 * {@code ConsoleHandler} calls) and {@code FileHandler.publish} are {@code synchronized}, so one handler formats and
 * writes every record of every thread one at a time, a global lock in many apps. Here: where each handler was
 * created, so that the report can name it, and a sample of the holds of its synchronized methods, as for the
 * monitor collections.
 */
public final class LogHandlerInstrumentation implements TypeInstrumentation {

    /** Their names, for the agent's ignore list, which otherwise skips the JDK. */
    public static final ElementMatcher.Junction<TypeDescription> TYPES = named("java.util.logging.StreamHandler")
            .or(named("java.util.logging.FileHandler"));

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return TYPES;
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return (builder, type, loader, module, domain) -> builder
                .visit(Advice.to(RecordCreationAdvice.class).on(isConstructor()))
                .visit(Advice.to(SynchronizedMethodInstrumentation.SampleHoldAdvice.class).on(isSynchronized()));
    }

    static final class RecordCreationAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object handler) {
            MonitorHooks.created(handler);
        }
    }
}
