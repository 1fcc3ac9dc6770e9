// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.instrumentation.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import example.monitors.Journal;
import example.monitors.Ledger;
import example.monitors.Plain;
import org.junit.jupiter.api.Test;

/**
 * The rewrite of {@code synchronized} blocks: where the hook calls go (the JIT refuses methods with a call outside
 * the monitor's handler range or inside a self-covering handler), that the rewritten class still verifies and
 * behaves, and that classes without blocks are left alone.
 */
class SynchronizedBlockTransformerTest {

    private final SynchronizedBlockTransformer transformer =
            new SynchronizedBlockTransformer(new MonitorScope(List.of(), List.of()));

    @Test
    void hooksSurroundEveryEnterAndTheNormalExitButNotTheSelfCoveringHandler() throws IOException {
        byte[] rewritten = rewrite(Ledger.class);

        List<String> add = calls(rewritten, "add");
        assertThat(add).containsSubsequence("entering", "MONITORENTER", "entered", "exiting", "MONITOREXIT");
        // javac's catch-all handler (which covers itself) keeps its plain monitorexit.
        assertThat(add.stream().filter("MONITOREXIT"::equals).count()).isEqualTo(2);
        assertThat(add.stream().filter("exiting"::equals).count()).isEqualTo(1);
        assertThat(callsInsideSelfCoveringHandlers(rewritten, "add")).isZero();
        assertThat(callsInsideSelfCoveringHandlers(rewritten, "failInside")).isZero();
        assertThat(calls(rewritten, "plain")).isEmpty();
    }

    @Test
    void theFieldTheMonitorIsReadFromIsRegisteredForTheSite() throws IOException {
        rewrite(Ledger.class);
        int site = contention.agent.bootstrap.MonitorSites.register(Ledger.class.getName() + ".lock");
        // Registering the same field again returns the number the rewrite gave it: a known site, not a new one.
        assertThat(site).isPositive().isEqualTo(
                contention.agent.bootstrap.MonitorSites.register(Ledger.class.getName() + ".lock"));
    }

    @Test
    void rewrittenClassVerifiesAndBehavesAsBefore() throws Exception {
        byte[] rewritten = rewrite(Ledger.class);
        Class<?> loaded = new ClassLoader(getClass().getClassLoader()) {
            Class<?> define() {
                return defineClass(Ledger.class.getName(), rewritten, 0, rewritten.length);
            }
        }.define();
        Object ledger = loaded.getConstructor().newInstance();
        assertThat(loaded.getMethod("add", String.class, long.class).invoke(ledger, "a", 5L)).isEqualTo(5L);
        assertThat(loaded.getMethod("add", String.class, long.class).invoke(ledger, "a", 7L)).isEqualTo(12L);
        assertThatThrownBy(() -> loaded.getMethod("failInside").invoke(ledger))
                .hasCauseInstanceOf(IllegalStateException.class).cause().hasMessage("inside");
        // The monitor was released on the exceptional path: another thread can take it at once.
        Thread other = new Thread(() -> {
            synchronized (ledger) {
                ledger.hashCode();
            }
        });
        other.start();
        other.join(5_000);
        assertThat(other.isAlive()).isFalse();
    }

    @Test
    void storesOfStringBuffersInFieldsRegisterTheBufferAndTheClassStillBehaves() throws Exception {
        byte[] rewritten = rewrite(Journal.class);
        assertThat(calls(rewritten, "<init>")).containsExactly("created");
        assertThat(calls(rewritten, "<clinit>")).containsExactly("created");
        assertThat(calls(rewritten, "add")).isEmpty();
        assertThat(calls(rewritten, "local")).as("a buffer kept in a local cannot be shared").isEmpty();

        Class<?> loaded = new ClassLoader(getClass().getClassLoader()) {
            Class<?> define() {
                return defineClass(Journal.class.getName(), rewritten, 0, rewritten.length);
            }
        }.define();
        Object journal = loaded.getConstructor().newInstance();
        assertThat(loaded.getMethod("add", String.class).invoke(journal, "a")).isEqualTo("a;");
        assertThat(loaded.getMethod("add", String.class).invoke(journal, "bc")).isEqualTo("a;bc;");
        assertThat(loaded.getMethod("local", String.class).invoke(journal, "x")).isEqualTo("x!");
    }

    @Test
    void classesWithoutSynchronizedBlocksAreLeftAlone() throws IOException {
        assertThat(transformer.transform(null, internalName(Plain.class), null, null, bytes(Plain.class))).isNull();
    }

    @Test
    void theJdkIsOutOfScopeButItsSynchronizedWrappersAndTheMapBinsAreIn() {
        MonitorScope scope = new MonitorScope(List.of("com.acme."), List.of("com.acme.gen."));
        assertThat(scope.covers("com.acme.Cache")).isTrue();
        assertThat(scope.covers("com.acme.gen.Parser")).isFalse();
        assertThat(scope.covers("org.other.Thing")).isFalse();
        assertThat(scope.covers("java.util.Hashtable")).isFalse();
        assertThat(scope.covers("java.util.Collections$SynchronizedMap")).isTrue();
        assertThat(scope.covers("contention.agent.bootstrap.MonitorHooks")).isFalse();
    }

    private byte[] rewrite(Class<?> type) throws IOException {
        byte[] out = transformer.transform(null, internalName(type), null, null, bytes(type));
        assertThat(out).as("rewritten %s", type).isNotNull();
        return out;
    }

    private static String internalName(Class<?> type) {
        return type.getName().replace('.', '/');
    }

    private static byte[] bytes(Class<?> type) throws IOException {
        String resource = "/" + internalName(type) + ".class";
        try (InputStream in = type.getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }

    /** The hook calls and monitor instructions of method {@code name}, in order. */
    private static List<String> calls(byte[] classFile, String name) {
        List<String> seen = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String method, String d, String s, String[] e) {
                if (!method.equals(name)) {
                    return null;
                }
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitInsn(int opcode) {
                        if (opcode == Opcodes.MONITORENTER) {
                            seen.add("MONITORENTER");
                        } else if (opcode == Opcodes.MONITOREXIT) {
                            seen.add("MONITOREXIT");
                        }
                    }

                    @Override
                    public void visitMethodInsn(int op, String owner, String m, String desc, boolean itf) {
                        if (owner.equals(SynchronizedBlockTransformer.HOOKS)) {
                            seen.add(m);
                        }
                    }
                };
            }
        }, 0);
        return seen;
    }

    /** Calls between the start and end label of a handler range whose start is its own handler. */
    private static int callsInsideSelfCoveringHandlers(byte[] classFile, String name) {
        int[] count = {0};
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String method, String d, String s, String[] e) {
                if (!method.equals(name)) {
                    return null;
                }
                return new MethodVisitor(Opcodes.ASM9) {
                    final List<Label> starts = new ArrayList<>();
                    final List<Label> ends = new ArrayList<>();
                    int inside;

                    @Override
                    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                        if (start == handler) {
                            starts.add(start);
                            ends.add(end);
                        }
                    }

                    @Override
                    public void visitLabel(Label label) {
                        if (ends.contains(label)) {
                            inside--;
                        }
                        if (starts.contains(label)) {
                            inside++;
                        }
                    }

                    @Override
                    public void visitMethodInsn(int op, String owner, String m, String desc, boolean itf) {
                        if (inside > 0) {
                            count[0]++;
                        }
                    }
                };
            }
        }, 0);
        return count[0];
    }
}
