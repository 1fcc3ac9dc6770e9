// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.instrumentation.collections;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isSynchronized;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import contention.agent.bootstrap.MonitorHooks;
import contention.agent.instrumentation.TypeInstrumentation;
import contention.agent.instrumentation.locks.SynchronizedMethodInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The JDK's collections built on a monitor: {@code Hashtable} and {@code Vector} (synchronized methods) and the
 * {@code Collections.synchronized*} wrappers ({@code synchronized (mutex)} blocks, rewritten by
 * {@code SynchronizedBlockTransformer}). Here: where each was created, so that the report can name it
 * ({@code com.acme.SessionStore.sessions}), and, for the synchronized methods, a sample of their holds.
 *
 * <p>Not {@code StringBuffer}: nearly every one is confined to the thread that built it, and registering them at
 * construction filled the agent's lock table with short-lived buffers (100,000 in 3 s in the audit sample) that
 * can never be contended; {@link StringBufferInstrumentation} times only those an app stored in a field.
 */
public final class SynchronizedCollectionsInstrumentation implements TypeInstrumentation {

    /** Their names, for the agent's ignore list, which otherwise skips the JDK. */
    public static final ElementMatcher.Junction<TypeDescription> TYPES = named("java.util.Hashtable")
            .or(named("java.util.Vector"))
            .or(nameStartsWith("java.util.Collections$Synchronized"));

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return TYPES;
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return (builder, type, loader, module, domain) -> {
            if (type.getName().startsWith("java.util.Collections$Synchronized")) {
                // The wrapper's monitor is its mutex: itself, or the object the app passed in.
                return builder.visit(Advice.to(RecordWrapperCreationAdvice.class).on(isConstructor()));
            }
            return builder.visit(Advice.to(RecordCreationAdvice.class).on(isConstructor()))
                    .visit(Advice.to(SynchronizedMethodInstrumentation.SampleHoldAdvice.class).on(isSynchronized()));
        };
    }

    static final class RecordCreationAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object collection) {
            MonitorHooks.created(collection);
        }
    }

    static final class RecordWrapperCreationAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.FieldValue("mutex") Object mutex) {
            MonitorHooks.created(mutex);
        }
    }
}
