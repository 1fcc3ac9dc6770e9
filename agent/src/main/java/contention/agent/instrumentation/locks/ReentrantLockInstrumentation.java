// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.instrumentation.locks;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import contention.agent.bootstrap.LockAdviceHelper;
import contention.agent.instrumentation.TypeInstrumentation;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@link ReentrantLock}, fair and unfair: a sample of how long it is held. Its waits are timed in the
 * synchronizer's slow path ({@link SynchronizerInstrumentation}); state is kept per synchronizer, the lock's
 * {@code sync} field, so waits and holds of one lock meet.
 */
public final class ReentrantLockInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("java.util.concurrent.locks.ReentrantLock");
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return (builder, type, loader, module, domain) -> builder
                .visit(Advice.to(SampleHoldStartAdvice.class).on(named("lock").and(takesArguments(0))
                        .or(named("lockInterruptibly"))
                        .or(named("tryLock").and(takesArguments(0).or(takesArguments(long.class, TimeUnit.class))))))
                .visit(Advice.to(SampleHoldEndAdvice.class).on(named("unlock")));
    }

    static final class SampleHoldStartAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This ReentrantLock lock, @Advice.FieldValue("sync") Object sync) {
            // tryLock returns false without the lock; getHoldCount() == 1 in the helper rules that case out.
            LockAdviceHelper.acquired(lock, sync);
        }
    }

    static final class SampleHoldEndAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This ReentrantLock lock, @Advice.FieldValue("sync") Object sync) {
            LockAdviceHelper.releasing(lock, sync);
        }
    }
}
