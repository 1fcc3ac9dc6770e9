// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.instrumentation.collections;

import static net.bytebuddy.matcher.ElementMatchers.isSynchronized;
import static net.bytebuddy.matcher.ElementMatchers.named;

import contention.agent.bootstrap.MonitorHooks;
import contention.agent.instrumentation.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code StringBuffer}: a sample of the holds of its synchronized methods, for the buffers an app class stored in
 * a field only ({@code SynchronizedBlockTransformer} registers those, with where). Nearly every other
 * StringBuffer is confined to the thread that built it (100,000 in 3 s in the audit sample's formatting) and can
 * never be contended: those are neither registered nor timed.
 */
public final class StringBufferInstrumentation implements TypeInstrumentation {

    /** Its name, for the agent's ignore list, which otherwise skips the JDK. */
    public static final ElementMatcher.Junction<TypeDescription> TYPE = named("java.lang.StringBuffer");

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return TYPE;
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return (builder, type, loader, module, domain) ->
                builder.visit(Advice.to(SampleKnownHoldAdvice.class).on(isSynchronized()));
    }

    static final class SampleKnownHoldAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static boolean enter(@Advice.This Object buffer) {
            return MonitorHooks.knownMethodEntered(buffer);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter boolean sampled, @Advice.This Object buffer) {
            if (sampled) {
                MonitorHooks.methodExiting(buffer);
            }
        }
    }
}
