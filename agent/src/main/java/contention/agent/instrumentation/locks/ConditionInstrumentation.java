// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.instrumentation.locks;

import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import contention.agent.bootstrap.LockAdviceHelper;
import contention.agent.instrumentation.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code Condition.await*} of the synchronizers' {@code ConditionObject} (int and long state): time spent awaiting a
 * signal is coordination, not contention, so it is recorded as a LockWait of mode "await" on the owning lock and
 * never adds to the lock's contended acquisitions or wait time.
 *
 * <p>Every await variant loops on the private {@code canReacquire(ConditionNode)} until signalled (or timed out,
 * interrupted), then re-acquires the lock through the synchronizer's 6-argument {@code acquire(Node, int, false,
 * false, false, 0L)}: directly in JDK 17, through {@code reacquire(Node, int)} in JDK 25. That re-acquisition is
 * timed by {@link SynchronizerInstrumentation} as a lock wait, correctly: the thread then competes for the lock.
 * The await's own time therefore ends where {@code canReacquire} first returns true.
 */
public final class ConditionInstrumentation implements TypeInstrumentation {

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject")
                .or(named("java.util.concurrent.locks.AbstractQueuedLongSynchronizer$ConditionObject"));
    }

    @Override
    public AgentBuilder.Transformer transformer() {
        return (builder, type, loader, module, domain) -> builder
                .visit(Advice.to(TimeAwaitAdvice.class).on(isPublic().and(nameStartsWith("await"))))
                .visit(Advice.to(SignalledAdvice.class)
                        .on(named("canReacquire").and(isPrivate()).and(takesArguments(1)).and(returns(boolean.class))));
    }

    static final class TimeAwaitAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static long enter(@Advice.FieldValue("this$0") Object sync) {
            return LockAdviceHelper.awaitEntered(sync);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.FieldValue("this$0") Object sync, @Advice.Enter long start) {
            LockAdviceHelper.awaitExited(sync, start);
        }
    }

    static final class SignalledAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return boolean signalled) {
            if (signalled) {
                LockAdviceHelper.awaitSignalled();
            }
        }
    }
}
