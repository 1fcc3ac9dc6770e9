// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent;

import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.not;

import contention.agent.instrumentation.TypeInstrumentation;
import contention.agent.instrumentation.collections.StringBufferInstrumentation;
import contention.agent.instrumentation.falsesharing.SharedWriteTransformer;
import contention.agent.instrumentation.collections.SynchronizedCollectionsInstrumentation;
import contention.agent.instrumentation.logging.LogHandlerInstrumentation;
import contention.agent.instrumentation.executors.ForkJoinPoolInstrumentation;
import contention.agent.instrumentation.executors.ForkJoinTaskInstrumentation;
import contention.agent.instrumentation.executors.FutureWaitInstrumentation;
import contention.agent.instrumentation.executors.ThreadPerTaskExecutorInstrumentation;
import contention.agent.instrumentation.executors.ThreadPerTaskRunInstrumentation;
import contention.agent.instrumentation.executors.ThreadPoolExecutorInstrumentation;
import contention.agent.instrumentation.locks.MonitorScope;
import contention.agent.instrumentation.locks.SynchronizedBlockTransformer;
import contention.agent.instrumentation.locks.SynchronizedMethodInstrumentation;
import contention.agent.instrumentation.locks.ConditionInstrumentation;
import contention.agent.instrumentation.locks.ReentrantLockInstrumentation;
import contention.agent.instrumentation.locks.StampedLockInstrumentation;
import contention.agent.instrumentation.locks.SynchronizerInstrumentation;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
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
    static List<TypeInstrumentation> instrumentations(MonitorScope scope) {
        return List.of(new SynchronizerInstrumentation(), new ReentrantLockInstrumentation(),
                new StampedLockInstrumentation(), new ConditionInstrumentation(), new StringBufferInstrumentation(),
                new SynchronizedMethodInstrumentation(scope), new SynchronizedCollectionsInstrumentation(),
                new LogHandlerInstrumentation(),
                new ThreadPoolExecutorInstrumentation(), new ForkJoinPoolInstrumentation(),
                new ForkJoinTaskInstrumentation(), new FutureWaitInstrumentation(),
                new ThreadPerTaskExecutorInstrumentation(), new ThreadPerTaskRunInstrumentation());
    }

    /** Lines about failed transformations printed at most; one is enough to say the rest of the app is fine. */
    static final int MAX_FAILURE_LINES = 3;

    static void install(Instrumentation instrumentation, AgentOptions options) {
        MonitorScope scope = new MonitorScope(options.include(), options.exclude());
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
                        .or(nameStartsWith("java.").and(not(nameStartsWith("java.util.concurrent.")))
                                .and(not(SynchronizedCollectionsInstrumentation.TYPES))
                                .and(not(LogHandlerInstrumentation.TYPES))
                                .and(not(StringBufferInstrumentation.TYPE)))
                        .or(nameStartsWith("jdk.")).or(nameStartsWith("sun.")).or(nameStartsWith("com.sun."))
                        .or(isSynthetic()));
        if (Boolean.getBoolean("contention.debug")) {
            builder = builder.with(AgentBuilder.Listener.StreamWriting.toSystemError().withTransformationsOnly())
                    .with(AgentBuilder.InstallationListener.StreamWriting.toSystemError());
        }
        for (TypeInstrumentation each : instrumentations(scope)) {
            builder = builder.type(each.typeMatcher()).transform(each.transformer());
        }
        builder.installOn(instrumentation);
        installBlockTransformer(instrumentation, scope);
        if (options.falseSharing()) {
            // After the block transformer: it sees the code with monitor hooks in, and adds its own calls.
            // Classes loaded already keep their code: the app's classes mostly load after premain.
            instrumentation.addTransformer(new SharedWriteTransformer(scope), true);
        }
    }

    /**
     * {@code synchronized} blocks are rewritten by a plain transformer, after Byte Buddy's (whose advice on the
     * same classes it then sees). The JDK classes it rewrites that are loaded already (ConcurrentHashMap, always)
     * are retransformed now.
     */
    private static void installBlockTransformer(Instrumentation instrumentation, MonitorScope scope) {
        instrumentation.addTransformer(new SynchronizedBlockTransformer(scope), true);
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            boolean rewritten = type.getName().startsWith("java.util.Collections$Synchronized")
                    || type == java.util.concurrent.ConcurrentHashMap.class;
            if (rewritten && instrumentation.isModifiableClass(type)) {
                loaded.add(type);
            }
        }
        if (!loaded.isEmpty()) {
            try {
                instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
            } catch (Throwable t) {
                AgentLog.info("could not instrument the synchronized blocks of ConcurrentHashMap and the"
                        + " Collections.synchronized* wrappers, they run unmeasured: " + AgentLog.describe(t));
            }
        }
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
