// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.bootstrap;

import java.util.Iterator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Where a lock was created: the first few application frames of the creating thread's stack, skipping the JDK's
 * and the agent's own, so that a {@code LinkedBlockingQueue}'s internal lock is placed where the app made the
 * queue. Rate-limited, because some apps create locks by the million.
 */
final class AllocationSites {

    /** Application frames kept, innermost first. */
    static final int MAX_FRAMES = 3;

    /** Captures per second in all; a stack walk costs a few microseconds, so this bounds the cost near 5% of a core. */
    static final int MAX_CAPTURES_PER_SECOND = 10_000;

    /** Captures per second one thread may make, so that one thread creating locks nonstop cannot take them all. */
    static final int MAX_CAPTURES_PER_THREAD_PER_SECOND = 1_000;

    /**
     * A thread over its budget looks at the clock only once in this many constructions: past the budget, a
     * construction then costs a thread-local read and a decrement, not a clock read and a shared atomic.
     */
    static final int CLOCK_CHECK_INTERVAL = 1_024;

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final long SECOND_NANOS = 1_000_000_000L;
    private static final AtomicInteger capturesThisSecond = new AtomicInteger();
    private static volatile long secondStartNanos = System.nanoTime();

    private static final ThreadLocal<ThreadBudget> BUDGET = new ThreadLocal<ThreadBudget>() {
        @Override
        protected ThreadBudget initialValue() {
            return new ThreadBudget();
        }
    };

    /** One thread's captures left in its current second; thread-confined. */
    private static final class ThreadBudget {
        long windowStartNanos = System.nanoTime();
        int remaining = MAX_CAPTURES_PER_THREAD_PER_SECOND;
        int sinceClockCheck;
    }

    /** True if a site may be captured now: this thread and the JVM both have budget left this second. */
    static boolean tryAcquireBudget() {
        ThreadBudget budget = BUDGET.get();
        if (budget.remaining == 0) {
            if (++budget.sinceClockCheck < CLOCK_CHECK_INTERVAL) {
                return false;
            }
            budget.sinceClockCheck = 0;
            long now = System.nanoTime();
            if (now - budget.windowStartNanos < SECOND_NANOS) {
                return false;
            }
            budget.windowStartNanos = now;
            budget.remaining = MAX_CAPTURES_PER_THREAD_PER_SECOND;
        }
        budget.remaining--;
        return tryAcquireGlobalBudget();
    }

    // Only reached when a capture (microseconds) is about to happen, so its clock read and atomic cost little.
    private static boolean tryAcquireGlobalBudget() {
        long now = System.nanoTime();
        if (now - secondStartNanos > SECOND_NANOS) {
            secondStartNanos = now; // racy reset: two threads may both reset, which only grants a few more
            capturesThisSecond.set(0);
        }
        return capturesThisSecond.incrementAndGet() <= MAX_CAPTURES_PER_SECOND;
    }

    /** The creating frames, or null if the stack holds only JDK and agent frames. */
    static AllocationSite capture() {
        return WALKER.walk(AllocationSites::toSite);
    }

    private static AllocationSite toSite(Stream<StackWalker.StackFrame> frames) {
        StringBuilder site = new StringBuilder();
        StackWalker.StackFrame innermost = null;
        int kept = 0;
        for (Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext() && kept < MAX_FRAMES; ) {
            StackWalker.StackFrame frame = it.next();
            String className = frame.getClassName();
            if (kept == 0 && isJdkOrAgent(className)) {
                continue;
            }
            if (kept > 0) {
                site.append('\n');
            } else {
                innermost = frame;
            }
            site.append(className).append('.').append(frame.getMethodName()).append('(');
            String file = frame.getFileName();
            site.append(file == null ? "Unknown Source" : file);
            if (frame.getLineNumber() > 0) {
                site.append(':').append(frame.getLineNumber());
            }
            site.append(')');
            kept++;
        }
        return innermost == null ? null : new AllocationSite(site.toString(), innermost.getDeclaringClass(),
                innermost.getMethodName(), innermost.getDescriptor(), innermost.getLineNumber());
    }

    static boolean isJdkOrAgent(String className) {
        return className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.")
                || className.startsWith("javax.") || className.startsWith("com.sun.")
                || className.startsWith("contention.agent.");
    }

    private AllocationSites() {}
}
