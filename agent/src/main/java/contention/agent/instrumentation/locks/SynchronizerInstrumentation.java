// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.instrumentation.locks;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import contention.agent.bootstrap.LockAdviceHelper;
import contention.agent.instrumentation.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code AbstractQueuedSynchronizer} and {@code AbstractQueuedLongSynchronizer}, under {@code ReentrantLock},
 * {@code ReentrantReadWriteLock}, {@code Semaphore} and the app's own locks: where each was created, and every wait in
 * its slow path.
 *
 * <p>Every blocking acquisition that does not get the lock at once (exclusive or shared, timed, interruptible, and a
 * {@code Condition}'s re-acquisition after a signal) goes through the private
 * {@code acquire(Node, int, boolean shared, boolean interruptible, boolean timed, long)} (its {@code long} twin
 * in the long synchronizer), the same in JDK 17 to 25.
 * Timing it times exactly the contended acquisitions, spinning ones included, and costs an uncontended
 * acquisition nothing.
 */
public final class SynchronizerInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        // JDK 25's ReentrantReadWriteLock is built on the long-state twin; both have the same slow path.
        return named("java.util.concurrent.locks.AbstractQueuedSynchronizer")
                .or(named("java.util.concurrent.locks.AbstractQueuedLongSynchronizer"));
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return (builder, type, loader, module, domain) -> builder
                .visit(Advice.to(RecordCreationAdvice.class).on(isConstructor()))
                .visit(Advice.to(RecordSlowPathAdvice.class)
                        .on(named("acquire").and(takesArguments(6)).and(takesArgument(2, boolean.class))));
    }

    static final class RecordCreationAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object sync) {
            LockAdviceHelper.created(sync);
        }
    }

    static final class RecordSlowPathAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Advice.This Object sync) {
            return LockAdviceHelper.slowPathEntered(sync);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.This Object sync, @Advice.Argument(0) Object node, @Advice.Argument(2) boolean shared,
                @Advice.Enter long start, @Advice.Return int result) {
            // A node is passed in only by a Condition's re-acquisition after await (both JDK 17 and 25).
            if (node != null) {
                LockAdviceHelper.reacquiredAfterAwait(sync, shared, start, result);
            } else {
                LockAdviceHelper.slowPathExited(sync, shared, start, result);
            }
        }
    }
}
