// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.instrumentation.falsesharing;

import static org.assertj.core.api.Assertions.assertThat;

import contention.agent.bootstrap.falsesharing.Handles;
import contention.agent.bootstrap.falsesharing.SharedWrites;
import contention.agent.bootstrap.falsesharing.WriteBuffer;
import contention.agent.bootstrap.falsesharing.WriteSites;
import contention.agent.instrumentation.locks.MonitorScope;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import testsubjects.FieldSubject;
import testsubjects.HandleSubject;

/**
 * The rewritten class computes what the original does, exceptions included, and while a window is open its
 * accesses reach the calling thread's buffer with the members and sites they were made at.
 */
class SharedWriteTransformerTest {

    private static byte[] original(Class<?> subject) throws Exception {
        try (InputStream in = subject.getResourceAsStream(subject.getSimpleName() + ".class")) {
            return in.readAllBytes();
        }
    }

    private static Object rewrittenInstance() throws Exception {
        return rewrittenInstance(FieldSubject.class);
    }

    private static Object rewrittenInstance(Class<?> subject) throws Exception {
        byte[] rewritten = new SharedWriteTransformer(new MonitorScope(List.of("testsubjects."), List.of()))
                .transform(null, subject.getName().replace('.', '/'), null, null, original(subject));
        assertThat(rewritten).as("rewritten").isNotNull();
        ClassLoader loader = new ClassLoader(null) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                if (name.equals(subject.getName())) {
                    return defineClass(name, rewritten, 0, rewritten.length);
                }
                return SharedWriteTransformerTest.class.getClassLoader().loadClass(name);
            }
        };
        return loader.loadClass(subject.getName()).getConstructor().newInstance();
    }

    // What the calling thread noted in the window {@code run} ran in: "owner member kind" per access.
    private static List<String> notedWhile(Object subject, String method) throws Exception {
        SharedWrites.initialize();
        int half = SharedWrites.flip(); // start from an empty half
        SharedWrites.sampling(true);
        try {
            subject.getClass().getMethod(method).invoke(subject);
        } finally {
            SharedWrites.sampling(false);
        }
        int window = SharedWrites.flip();
        WriteBuffer mine = SharedWrites.buffers().stream().filter(b -> b.thread == Thread.currentThread())
                .findFirst().orElseThrow();
        List<String> noted = new ArrayList<>();
        for (int i = 0; i < mine.count(window); i++) {
            WriteSites.Site site = WriteSites.site(mine.site(window, i));
            byte kind = mine.kind(window, i);
            String member = site.field != null ? site.field
                    : kind == WriteBuffer.HANDLE_WRITE || kind == WriteBuffer.HANDLE_READ
                            ? "#" + Handles.handle(mine.slot(window, i)).getClass().getSimpleName()
                            : "[" + mine.slot(window, i) + "]";
            noted.add(site.owner.substring(site.owner.lastIndexOf('/') + 1) + " " + member + " " + kind);
            assertThat(site.frame).startsWith(subject.getClass().getName() + "." + method + "(");
        }
        mine.clear(window);
        mine.clear(half);
        return noted;
    }

    @Test
    void theRewrittenClassComputesWhatTheOriginalDoes() throws Exception {
        Object rewritten = rewrittenInstance();
        String expected = new FieldSubject().run();
        SharedWrites.initialize();
        SharedWrites.sampling(true);
        try {
            assertThat(rewritten.getClass().getMethod("run").invoke(rewritten)).isEqualTo(expected);
        } finally {
            SharedWrites.sampling(false);
        }
        assertThat(rewritten.getClass().getMethod("outOfBounds").invoke(rewritten))
                .isEqualTo(new FieldSubject().outOfBounds());
    }

    @Test
    void anOpenWindowNotesEachAccessWithItsMemberAndSite() throws Exception {
        List<String> noted = notedWhile(rewrittenInstance(), "run");
        assertThat(noted).containsExactly("FieldSubject wide 0", "FieldSubject real 0", "FieldSubject narrow 0",
                "FieldSubject ref 0", "FieldSubject counter 0", "FieldSubject limit 1", "[J [1] 2", "[I [2] 2",
                "[D [3] 2", "AtomicLong value 0", "AtomicLong value 0", "AtomicLong value 0",
                "AtomicIntegerArray [1] 2", "AtomicIntegerArray [2] 2");
    }

    @Test
    void handleAndUpdaterCallsComputeWhatTheOriginalDoesExceptionsIncluded() throws Exception {
        Object rewritten = rewrittenInstance(HandleSubject.class);
        SharedWrites.initialize();
        SharedWrites.sampling(true);
        try {
            assertThat(rewritten.getClass().getMethod("run").invoke(rewritten)).isEqualTo(new HandleSubject().run());
            assertThat(rewritten.getClass().getMethod("failures").invoke(rewritten))
                    .isEqualTo(new HandleSubject().failures())
                    .isEqualTo("ArrayIndexOutOfBoundsException;NullPointerException;ClassCastException;ClassCastException;");
        } finally {
            SharedWrites.sampling(false);
        }
    }

    @Test
    void anOpenWindowNotesEachHandleAccessWithItsHandle() throws Exception {
        // 4, 5: write, read through a handle (the slot holds its number); 2, 3: slot write, read; 1: a volatile
        // field's read. The static field's handle has no object: not noted.
        assertThat(notedWhile(rewrittenInstance(HandleSubject.class), "run")).containsExactly(
                "VarHandle #" + HandleSubject.COUNT.getClass().getSimpleName() + " 4",
                "VarHandle #" + HandleSubject.COUNT.getClass().getSimpleName() + " 4",
                "VarHandle #" + HandleSubject.COUNT.getClass().getSimpleName() + " 4",
                "VarHandle #" + HandleSubject.COUNT.getClass().getSimpleName() + " 5",
                "VarHandle [2] 2", "VarHandle [2] 2",
                "AtomicLongFieldUpdater #" + HandleSubject.HITS.getClass().getSimpleName() + " 4",
                "AtomicLongFieldUpdater #" + HandleSubject.HITS.getClass().getSimpleName() + " 4",
                "AtomicIntegerFieldUpdater #" + HandleSubject.STATE.getClass().getSimpleName() + " 4",
                "AtomicReferenceFieldUpdater #" + HandleSubject.NAME.getClass().getSimpleName() + " 4",
                "AtomicLongFieldUpdater #" + HandleSubject.HITS.getClass().getSimpleName() + " 5",
                "HandleSubject name 1");
    }

    @Test
    void classesOutsideTheScopeAreLeftAlone() throws Exception {
        assertThat(new SharedWriteTransformer(new MonitorScope(List.of("com.acme."), List.of()))
                .transform(null, "testsubjects/FieldSubject", null, null, original(FieldSubject.class))).isNull();
    }
}
