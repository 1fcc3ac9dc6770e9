// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent;

import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;

import contention.agent.instrumentation.TypeInstrumentation;
import contention.agent.instrumentation.locks.ReentrantLockInstrumentation;
import contention.agent.instrumentation.locks.SynchronizerInstrumentation;
import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/**
 * The single Byte Buddy chain: every instrumentation the agent applies is listed here, as a module lists its parts.
 * Classes already loaded (the JDK's locks, always) are retransformed without changing their format.
 */
final class Installer {

    /** Every instrumentation, in one place. */
    static List<TypeInstrumentation> instrumentations() {
        return List.of(new SynchronizerInstrumentation(), new ReentrantLockInstrumentation());
    }

    /** Lines about failed transformations printed at most; one is enough to say the rest of the app is fine. */
    static final int MAX_FAILURE_LINES = 3;

    static void install(Instrumentation instrumentation) {
        AgentBuilder builder = new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(new OneLineFailures())
                // The JDK is ignored except java.util.concurrent, a visible decision; the agent and Byte Buddy
                // always are, so the agent never measures itself.
                .ignore(nameStartsWith("contention.agent.")
                        .or(nameStartsWith("net.bytebuddy."))
                        .or(nameStartsWith("java.").and(not(nameStartsWith("java.util.concurrent."))))
                        .or(nameStartsWith("jdk.")).or(nameStartsWith("sun.")).or(nameStartsWith("com.sun."))
                        .or(isSynthetic()));
        if (Boolean.getBoolean("contention.debug")) {
            builder = builder.with(AgentBuilder.Listener.StreamWriting.toSystemError().withTransformationsOnly())
                    .with(AgentBuilder.InstallationListener.StreamWriting.toSystemError());
        }
        for (TypeInstrumentation each : instrumentations()) {
            builder = builder.type(each.typeMatcher()).transform(each.transformer());
        }
        builder.installOn(instrumentation);
    }

    /** Logs a failed transformation in one line (the class stays as it was); quiet after a few. */
    private static final class OneLineFailures extends AgentBuilder.Listener.Adapter {
        private final AtomicInteger printed = new AtomicInteger();

        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                Throwable throwable) {
            int n = printed.incrementAndGet();
            if (n <= MAX_FAILURE_LINES) {
                AgentLog.info("could not instrument " + typeName + ", it runs unmeasured: " + AgentLog.describe(throwable)
                        + (n == MAX_FAILURE_LINES ? " (further failures are not shown)" : ""));
            }
        }

        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                DynamicType dynamicType) {
            // Nothing to say when it works.
        }
    }

    private Installer() {}
}
