// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.instrumentation.locks;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.isSynchronized;

import contention.agent.bootstrap.MonitorHooks;
import contention.agent.instrumentation.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code synchronized} methods of app classes: a sample of their holds, per monitor ({@code this}, or the class for
 * a {@code static synchronized} method). The monitor is taken before the body runs, so the wait is not visible
 * here; JFR's {@code jdk.JavaMonitorEnter} events carry it.
 */
public final class SynchronizedMethodInstrumentation implements TypeInstrumentation {

    private final MonitorScope scope;

    public SynchronizedMethodInstrumentation(MonitorScope scope) {
        this.scope = scope;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        ElementMatcher<TypeDescription> inScope = type -> scope.coversAppClass(type.getName());
        return new ElementMatcher.Junction.Conjunction<>(inScope, declaresMethod(isSynchronized()));
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return (builder, type, loader, module, domain) ->
                builder.visit(Advice.to(SampleHoldAdvice.class).on(isSynchronized()));
    }

    /** Shared with the JDK's monitor-guarded collections, whose methods are synchronized too. */
    public static final class SampleHoldAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter(@Advice.This(optional = true) Object self, @Advice.Origin Class<?> type) {
            return MonitorHooks.methodEntered(self != null ? self : type);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter boolean sampled, @Advice.This(optional = true) Object self,
                @Advice.Origin Class<?> type) {
            if (sampled) {
                MonitorHooks.methodExiting(self != null ? self : type);
            }
        }
    }
}
