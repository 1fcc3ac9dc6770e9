// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.instrumentation.falsesharing;

import static org.assertj.core.api.Assertions.assertThat;

import contention.agent.bootstrap.falsesharing.SharedWrites;
import contention.agent.bootstrap.falsesharing.WriteBuffer;
import contention.agent.bootstrap.falsesharing.WriteSites;
import contention.agent.instrumentation.locks.MonitorScope;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import testsubjects.FieldSubject;

/**
 * The rewritten class computes what the original does, exceptions included, and while a window is open its
 * accesses reach the calling thread's buffer with the members and sites they were made at.
 */
class SharedWriteTransformerTest {

    private static byte[] original() throws Exception {
        try (InputStream in = FieldSubject.class.getResourceAsStream("FieldSubject.class")) {
            return in.readAllBytes();
        }
    }

    private static Object rewrittenInstance() throws Exception {
        byte[] rewritten = new SharedWriteTransformer(new MonitorScope(List.of("testsubjects."), List.of()))
                .transform(null, "testsubjects/FieldSubject", null, null, original());
        assertThat(rewritten).as("rewritten").isNotNull();
        ClassLoader loader = new ClassLoader(null) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                if (name.equals(FieldSubject.class.getName())) {
                    return defineClass(name, rewritten, 0, rewritten.length);
                }
                return SharedWriteTransformerTest.class.getClassLoader().loadClass(name);
            }
        };
        return loader.loadClass(FieldSubject.class.getName()).getConstructor().newInstance();
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
        Object rewritten = rewrittenInstance();
        SharedWrites.initialize();
        int half = SharedWrites.flip(); // start from an empty half
        SharedWrites.sampling(true);
        try {
            rewritten.getClass().getMethod("run").invoke(rewritten);
        } finally {
            SharedWrites.sampling(false);
        }
        int window = SharedWrites.flip();
        WriteBuffer mine = SharedWrites.buffers().stream().filter(b -> b.thread == Thread.currentThread())
                .findFirst().orElseThrow();
        List<String> noted = new ArrayList<>();
        for (int i = 0; i < mine.count(window); i++) {
            WriteSites.Site site = WriteSites.site(mine.site(window, i));
            String member = site.field != null ? site.field : "[" + mine.slot(window, i) + "]";
            noted.add(site.owner.substring(site.owner.lastIndexOf('/') + 1) + " " + member + " " + mine.kind(window, i));
            assertThat(site.frame).startsWith("testsubjects.FieldSubject.run(FieldSubject.java:");
        }
        mine.clear(window);
        mine.clear(half);
        assertThat(noted).containsExactly("FieldSubject wide 0", "FieldSubject real 0", "FieldSubject narrow 0",
                "FieldSubject ref 0", "FieldSubject counter 0", "FieldSubject limit 1", "[J [1] 2", "[I [2] 2",
                "[D [3] 2", "AtomicLong value 0", "AtomicLong value 0", "AtomicLong value 0",
                "AtomicIntegerArray [1] 2", "AtomicIntegerArray [2] 2");
    }

    @Test
    void classesOutsideTheScopeAreLeftAlone() throws Exception {
        assertThat(new SharedWriteTransformer(new MonitorScope(List.of("com.acme."), List.of()))
                .transform(null, "testsubjects/FieldSubject", null, null, original())).isNull();
    }
}
