// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.instrumentation.locks;

import contention.agent.AgentLog;
import contention.agent.bootstrap.MonitorSites;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * {@code synchronized} blocks: the agent wraps each {@code monitorenter} and {@code monitorexit} in calls to
 * {@code MonitorHooks}, which time a sample of the acquisitions (wait, spinning included, and hold) per monitor.
 *
 * <p>Why plain ASM and not Byte Buddy advice: advice wraps methods, and a block's wait is inside one. The rewrite
 * adds no local, branch or handler, so it changes no stack map frame and is safe to retransform:
 * <pre>
 *   monitorenter            →  dup; sipush site; invokestatic entering(Object,int); monitorenter
 *   (first instruction after the label that follows it, inside javac's handler range)
 *                           →  invokestatic entered()
 *   monitorexit             →  dup; invokestatic exiting(Object); monitorexit
 * </pre>
 * {@code entered()} sits inside the block's catch-all range, as HotSpot's JIT requires every instruction that can
 * throw while a monitor is held to be; outside it the method would never be compiled. For the same reason the
 * {@code monitorexit} in javac's catch-all handler is left alone: that handler covers itself, and C1 refuses a
 * method whose self-covering handler holds a call ("exception handler covers itself", seen on
 * {@code ConcurrentHashMap.merge}). A hold that ends by an exception is therefore not closed here;
 * {@code MonitorHooks} drops it when it finds the monitor no longer held.
 *
 * <p>{@code ConcurrentHashMap}'s {@code compute}, {@code computeIfAbsent}, {@code computeIfPresent} and
 * {@code merge} lock the bin they update, and run the app's function inside that lock; there the call is
 * {@code binEntering(node, this)}, so that bins are counted per map, not per node.
 *
 * <p>A {@code StringBuffer} stored in a field of an app class ({@code putfield}/{@code putstatic} of that type) is
 * the one kind of StringBuffer that can be shared: the store becomes {@code dup; invokestatic created(Object)}
 * before it, which registers the buffer with where it was stored (whose bytecode names the field), so that
 * {@code StringBufferInstrumentation} samples its holds and the report can name it.
 *
 * <p>Classes without {@code monitorenter} or such a store are left untouched (the transformer returns null after
 * one read).
 */
public final class SynchronizedBlockTransformer implements ClassFileTransformer {

    static final String HOOKS = "contention/agent/bootstrap/MonitorHooks";

    static final String CONCURRENT_HASH_MAP = "java/util/concurrent/ConcurrentHashMap";

    static final String STRING_BUFFER = "Ljava/lang/StringBuffer;";

    /** The methods that run the app's function while holding a bin's lock. */
    static final java.util.Set<String> BIN_LOCKING_METHODS =
            java.util.Set.of("compute", "computeIfAbsent", "computeIfPresent", "merge");

    private final MonitorScope scope;
    private final AtomicInteger failures = new AtomicInteger();

    public SynchronizedBlockTransformer(MonitorScope scope) {
        this.scope = scope;
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        try {
            boolean map = CONCURRENT_HASH_MAP.equals(internalName);
            if (internalName == null || !(map || scope.covers(internalName.replace('/', '.')))) {
                return null;
            }
            ClassReader reader = new ClassReader(classfileBuffer);
            if (!needsRewrite(reader, !map)) {
                return null;
            }
            ClassWriter writer = new ClassWriter(reader, 0);
            reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                        String[] exceptions) {
                    MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
                    if (map) {
                        boolean binLocking = (access & Opcodes.ACC_STATIC) == 0 && BIN_LOCKING_METHODS.contains(name);
                        return binLocking ? new BlockVisitor(next, true) : next;
                    }
                    return new BlockVisitor(next, false);
                }
            }, 0);
            return writer.toByteArray();
        } catch (Throwable t) {
            if (failures.incrementAndGet() <= 3) {
                AgentLog.info("could not instrument the synchronized blocks of " + internalName
                        + ", it runs unmeasured: " + AgentLog.describe(t));
            }
            return null; // the class loads as it was
        }
    }

    /** Whether the class has a {@code monitorenter}, or, if {@code bufferStores}, a store of a StringBuffer field. */
    static boolean needsRewrite(ClassReader reader, boolean bufferStores) {
        boolean[] found = {false};
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                return found[0] ? null : new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitInsn(int opcode) {
                        if (opcode == Opcodes.MONITORENTER) {
                            found[0] = true;
                        }
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
                        if (bufferStores && isBufferStore(opcode, descriptor)) {
                            found[0] = true;
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return found[0];
    }

    static boolean isBufferStore(int opcode, String descriptor) {
        return (opcode == Opcodes.PUTFIELD || opcode == Opcodes.PUTSTATIC) && STRING_BUFFER.equals(descriptor);
    }

    /** Rewrites one method's monitor instructions; everything else passes through unchanged. */
    static final class BlockVisitor extends MethodVisitor {
        private final boolean mapBins;
        private final java.util.Set<Label> selfCoveredStarts = new java.util.HashSet<>();
        private final java.util.Set<Label> selfCoveredEnds = new java.util.HashSet<>();
        private int selfCovered; // inside this many self-covering handler ranges
        private boolean enteredPending;
        private String lastField; // the field whose value is on top of the stack, through dup/astore

        /** {@code mapBins}: the monitors are a {@code ConcurrentHashMap}'s bins, counted for the map ({@code this}). */
        BlockVisitor(MethodVisitor next, boolean mapBins) {
            super(Opcodes.ASM9, next);
            this.mapBins = mapBins;
        }

        @Override
        public void visitInsn(int opcode) {
            flushEntered();
            if (opcode == Opcodes.MONITORENTER && mapBins) {
                super.visitInsn(Opcodes.DUP);
                super.visitVarInsn(Opcodes.ALOAD, 0);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "binEntering", "(Ljava/lang/Object;Ljava/lang/Object;)V",
                        false);
                super.visitInsn(opcode);
                enteredPending = true;
            } else if (opcode == Opcodes.MONITORENTER) {
                super.visitInsn(Opcodes.DUP);
                super.visitIntInsn(Opcodes.SIPUSH, MonitorSites.register(lastField));
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "entering", "(Ljava/lang/Object;I)V", false);
                super.visitInsn(opcode);
                enteredPending = true;
            } else if (opcode == Opcodes.MONITOREXIT && selfCovered == 0) {
                super.visitInsn(Opcodes.DUP);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "exiting", "(Ljava/lang/Object;)V", false);
                super.visitInsn(opcode);
            } else {
                super.visitInsn(opcode);
            }
            if (opcode != Opcodes.DUP) {
                lastField = null;
            }
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            flushEntered();
            if (!mapBins && isBufferStore(opcode, descriptor)) {
                super.visitInsn(Opcodes.DUP); // the buffer, on top for putfield and putstatic alike
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "created", "(Ljava/lang/Object;)V", false);
            }
            super.visitFieldInsn(opcode, owner, name, descriptor);
            lastField = opcode == Opcodes.GETFIELD || opcode == Opcodes.GETSTATIC
                    ? owner.replace('/', '.') + "." + name : null;
        }

        @Override
        public void visitVarInsn(int opcode, int varIndex) {
            flushEntered();
            super.visitVarInsn(opcode, varIndex);
            if (opcode != Opcodes.ASTORE) {
                lastField = null; // javac stores the monitor in a local before entering it: keep the field
            }
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            before();
            super.visitIntInsn(opcode, operand);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            before();
            super.visitTypeInsn(opcode, type);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            before();
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, net.bytebuddy.jar.asm.Handle bootstrap,
                Object... arguments) {
            before();
            super.visitInvokeDynamicInsn(name, descriptor, bootstrap, arguments);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            before();
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitLdcInsn(Object value) {
            before();
            super.visitLdcInsn(value);
        }

        @Override
        public void visitIincInsn(int varIndex, int increment) {
            before();
            super.visitIincInsn(varIndex, increment);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            before();
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            before();
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            before();
            super.visitMultiANewArrayInsn(descriptor, numDimensions);
        }

        @Override
        public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
            super.visitTryCatchBlock(start, end, handler, type);
            if (start == handler) {
                selfCoveredStarts.add(start);
                selfCoveredEnds.add(end);
            }
        }

        // Labels, line numbers and frames pass through without emitting the pending call: javac's handler range
        // starts at the label after monitorenter, and a frame must stay at its label's offset.
        @Override
        public void visitLabel(Label label) {
            super.visitLabel(label);
            if (selfCoveredEnds.contains(label)) {
                selfCovered = Math.max(0, selfCovered - 1);
            }
            if (selfCoveredStarts.contains(label)) {
                selfCovered++;
            }
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            enteredPending = false; // a method cannot end with monitorenter
            super.visitMaxs(maxStack + 2, maxLocals); // the dup and the site number (or the map)
        }

        private void before() {
            flushEntered();
            lastField = null;
        }

        private void flushEntered() {
            if (enteredPending) {
                enteredPending = false;
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "entered", "()V", false);
            }
        }
    }
}
