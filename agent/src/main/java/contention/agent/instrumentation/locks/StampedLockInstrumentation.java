// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.instrumentation.locks;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;

import contention.agent.bootstrap.LockAdviceHelper;
import contention.agent.instrumentation.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code java.util.concurrent.locks.StampedLock}, which is not built on a synchronizer: where each was created, and
 * every wait in its slow path, per instance, in mode "read" or "write".
 *
 * <p>Every blocking acquisition ({@code writeLock}, {@code readLock}, their interruptible and timed forms, and the
 * {@code asReadLock()}/{@code asWriteLock()} views, which call them) first tries one CAS and calls the private
 * {@code acquireWrite(boolean interruptible, boolean timed, long deadline)} or {@code acquireRead(...)} of the same
 * shape only when that fails (JDK 17 and 25 alike; JDK 11 had {@code (boolean, long)}, matched by name as well).
 * Timing those two times exactly the acquisitions that missed the fast path; an uncontended one pays nothing.
 * They return the stamp, 0 when a timed wait timed out, 1 when interrupted. Optimistic reads
 * ({@code tryOptimisticRead}/{@code validate}) never wait and are not touched.
 */
public final class StampedLockInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("java.util.concurrent.locks.StampedLock");
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return (builder, type, loader, module, domain) -> builder
                .visit(Advice.to(RecordCreationAdvice.class).on(isConstructor()))
                .visit(Advice.to(TimeWriteWaitAdvice.class)
                        .on(named("acquireWrite").and(isPrivate()).and(returns(long.class))))
                .visit(Advice.to(TimeReadWaitAdvice.class)
                        .on(named("acquireRead").and(isPrivate()).and(returns(long.class))));
    }

    static final class RecordCreationAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object lock) {
            LockAdviceHelper.created(lock);
        }
    }

    static final class TimeWriteWaitAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Advice.This Object lock) {
            return LockAdviceHelper.slowPathEntered(lock);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.This Object lock, @Advice.Enter long start, @Advice.Return long stamp) {
            LockAdviceHelper.stampedSlowPathExited(lock, false, start, stamp);
        }
    }

    static final class TimeReadWaitAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Advice.This Object lock) {
            return LockAdviceHelper.slowPathEntered(lock);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.This Object lock, @Advice.Enter long start, @Advice.Return long stamp) {
            LockAdviceHelper.stampedSlowPathExited(lock, true, start, stamp);
        }
    }
}
