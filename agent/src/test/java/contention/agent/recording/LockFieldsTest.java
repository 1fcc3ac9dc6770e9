// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.recording;

import static org.assertj.core.api.Assertions.assertThat;

import contention.agent.bootstrap.AllocationSite;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

class LockFieldsTest {

    /** Creates locks the ways apps do, and remembers on which line (each statement pair shares one line). */
    static final class Holder {
        final ReentrantLock lock;
        final ReentrantLock[] stripes = new ReentrantLock[2];
        static ReentrantLock shared;
        final int fieldLine;
        final int arrayLine;
        final int staticLine;
        final int localLine;

        @SuppressWarnings("unused")
        Holder() {
            lock = new ReentrantLock(true); fieldLine = line();
            stripes[1] = new ReentrantLock(); arrayLine = line();
            shared = new ReentrantLock(); staticLine = line();
            ReentrantLock local = new ReentrantLock(); localLine = line();
        }

        static int line() {
            return StackWalker.getInstance().walk(s -> s.skip(1).findFirst().orElseThrow().getLineNumber());
        }
    }

    private final LockFields fields = new LockFields();
    private final Holder holder = new Holder();

    @Test
    void fieldAssignedOnTheCreatingLine() {
        assertThat(fields.fieldOf(site(holder.fieldLine))).isEqualTo(Holder.class.getName() + ".lock");
    }

    @Test
    void arraySlotIsNamedAfterTheArrayField() {
        assertThat(fields.fieldOf(site(holder.arrayLine))).isEqualTo(Holder.class.getName() + ".stripes[]");
    }

    @Test
    void staticField() {
        assertThat(fields.fieldOf(site(holder.staticLine))).isEqualTo(Holder.class.getName() + ".shared");
    }

    @Test
    void localVariableHasNoField() {
        assertThat(fields.fieldOf(site(holder.localLine))).isNull();
    }

    @Test
    void unknownLineOrMethodHasNoField() {
        assertThat(fields.fieldOf(site(1))).isNull();
        assertThat(fields.fieldOf(new AllocationSite("x", Holder.class, "nope", "()V", holder.fieldLine))).isNull();
    }

    private static AllocationSite site(int line) {
        return new AllocationSite("frames", Holder.class, "<init>", "()V", line);
    }
}
