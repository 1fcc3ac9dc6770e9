// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.instrumentation.falsesharing;

import contention.agent.AgentLog;
import contention.agent.bootstrap.falsesharing.AtomicHooks;
import contention.agent.bootstrap.falsesharing.WriteSites;
import contention.agent.instrumentation.locks.MonitorScope;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.FieldVisitor;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * App code's writes to shared memory, for the false-sharing detector: each instruction that writes a field of an
 * object, reads a {@code volatile} field the class declares, stores into a {@code long[]}, {@code int[]} or
 * {@code double[]}, or updates an {@code AtomicLong}, {@code AtomicInteger}, {@code AtomicLongArray} or
 * {@code AtomicIntegerArray} gets a call to {@code SharedWrites} before it, with the object (and slot) and the
 * number of the site ({@link WriteSites}):
 * <pre>
 *   putfield (int, reference, ...)   →  dup2; pop; ldc site; invokestatic write(Object,int); putfield
 *   putfield (long, double)          →  dup2_x1; pop2; dup_x2; ldc site; invokestatic write(Object,int); putfield
 *   getfield of a volatile field the method does not also write
 *                                    →  dup; ldc site; invokestatic read(Object,int); getfield
 *   lastore, dastore                 →  dup2_x2; pop2; dup2_x2; ldc site; invokestatic slot(Object,int,int); lastore
 *   iastore                          →  dup_x2; pop; dup2_x1; ldc site; invokestatic slot(Object,int,int); iastore
 *   invokevirtual AtomicLong.incrementAndGet()J  →  ldc site; invokestatic AtomicHooks.incrementAndGet(AtomicLong,int)J
 * </pre>
 * The rewrite adds no local, branch or handler: no stack map frame changes, safe to retransform. Constructors and
 * static initializers are left alone: an object being built is its building thread's alone.
 *
 * <p>Classes outside the app's scope, and those with nothing to rewrite, are left untouched (null after one read).
 */
public final class SharedWriteTransformer implements ClassFileTransformer {

    static final String HOOKS = "contention/agent/bootstrap/falsesharing/SharedWrites";
    static final String ATOMIC_HOOKS = "contention/agent/bootstrap/falsesharing/AtomicHooks";

    private final MonitorScope scope;
    private final AtomicInteger failures = new AtomicInteger();

    public SharedWriteTransformer(MonitorScope scope) {
        this.scope = scope;
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        try {
            if (internalName == null || !scope.coversAppClass(internalName.replace('/', '.'))) {
                return null;
            }
            ClassReader reader = new ClassReader(classfileBuffer);
            Set<String> volatileFields = volatileFields(reader);
            Map<String, Set<String>> writes = fieldsWrittenByMethod(reader, internalName);
            ClassWriter writer = new ClassWriter(reader, 0);
            boolean[] changed = {false};
            String[] source = {null};
            reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public void visitSource(String file, String debug) {
                    source[0] = file;
                    super.visitSource(file, debug);
                }

                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                        String[] exceptions) {
                    MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
                    if (name.equals("<init>") || name.equals("<clinit>") || (access & Opcodes.ACC_ABSTRACT) != 0
                            || (access & Opcodes.ACC_NATIVE) != 0) {
                        return next;
                    }
                    String frame = internalName.replace('/', '.') + "." + name;
                    Set<String> written = writes.getOrDefault(name + descriptor, Set.of());
                    return new AccessVisitor(next, internalName, volatileFields, written, frame, source[0], changed);
                }
            }, 0);
            return changed[0] ? writer.toByteArray() : null;
        } catch (Throwable t) {
            if (failures.incrementAndGet() <= 3) {
                AgentLog.info("could not instrument the field writes of " + internalName
                        + ", they are not checked for false sharing: " + AgentLog.describe(t));
            }
            return null; // the class loads as it was
        }
    }

    // The volatile instance fields the class declares: their reads are the reader side of the reader/writer case.
    private static Set<String> volatileFields(ClassReader reader) {
        Set<String> names = new HashSet<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature,
                    Object value) {
                if ((access & Opcodes.ACC_VOLATILE) != 0 && (access & Opcodes.ACC_STATIC) == 0) {
                    names.add(name);
                }
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return names;
    }

    // Per method (name + descriptor), the fields of this class it writes. A read of a field the same method writes
    // (the read of counter++) is not hooked: the write's hook notes the access, and a second hook on the same
    // access cost a volatile read-modify-write loop 40% of its speed with no window open (RequestStatsApp, 1%).
    private static Map<String, Set<String>> fieldsWrittenByMethod(ClassReader reader, String className) {
        Map<String, Set<String>> writes = new HashMap<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                Set<String> fields = new HashSet<>();
                writes.put(name + descriptor, fields);
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitFieldInsn(int opcode, String owner, String field, String fieldDescriptor) {
                        if (opcode == Opcodes.PUTFIELD && owner.equals(className)) {
                            fields.add(field);
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return writes;
    }

    /** Rewrites one method's field and array accesses; everything else passes through unchanged. */
    static final class AccessVisitor extends MethodVisitor {
        private final String className;
        private final Set<String> volatileFields;
        private final Set<String> writtenHere;
        private final String frame;
        private final String source;
        private final boolean[] changed;
        private int line = -1;

        AccessVisitor(MethodVisitor next, String className, Set<String> volatileFields, Set<String> writtenHere,
                String frame, String source, boolean[] changed) {
            super(Opcodes.ASM9, next);
            this.className = className;
            this.volatileFields = volatileFields;
            this.writtenHere = writtenHere;
            this.frame = frame;
            this.source = source;
            this.changed = changed;
        }

        @Override
        public void visitLineNumber(int line, Label start) {
            this.line = line;
            super.visitLineNumber(line, start);
        }

        private int site(String owner, String field) {
            String at = frame + "(" + (source == null ? "Unknown Source" : line >= 0 ? source + ":" + line : source)
                    + ")";
            return WriteSites.register(owner, field, at);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            if (opcode == Opcodes.PUTFIELD) {
                int site = site(owner, name);
                if (site > 0) {
                    boolean wide = descriptor.equals("J") || descriptor.equals("D");
                    if (wide) {
                        super.visitInsn(Opcodes.DUP2_X1);
                        super.visitInsn(Opcodes.POP2);
                        super.visitInsn(Opcodes.DUP_X2);
                    } else {
                        super.visitInsn(Opcodes.DUP2);
                        super.visitInsn(Opcodes.POP);
                    }
                    super.visitLdcInsn(site);
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "write", "(Ljava/lang/Object;I)V", false);
                    changed[0] = true;
                }
            } else if (opcode == Opcodes.GETFIELD && owner.equals(className) && volatileFields.contains(name)
                    && !writtenHere.contains(name)) {
                int site = site(owner, name);
                if (site > 0) {
                    super.visitInsn(Opcodes.DUP);
                    super.visitLdcInsn(site);
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "read", "(Ljava/lang/Object;I)V", false);
                    changed[0] = true;
                }
            }
            super.visitFieldInsn(opcode, owner, name, descriptor);
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode == Opcodes.LASTORE || opcode == Opcodes.DASTORE || opcode == Opcodes.IASTORE) {
                String array = opcode == Opcodes.LASTORE ? "[J" : opcode == Opcodes.DASTORE ? "[D" : "[I";
                int site = site(array, null);
                if (site > 0) {
                    if (opcode == Opcodes.IASTORE) { // arrayref, index, value
                        super.visitInsn(Opcodes.DUP_X2);
                        super.visitInsn(Opcodes.POP);
                        super.visitInsn(Opcodes.DUP2_X1);
                    } else { // arrayref, index, value (two slots)
                        super.visitInsn(Opcodes.DUP2_X2);
                        super.visitInsn(Opcodes.POP2);
                        super.visitInsn(Opcodes.DUP2_X2);
                    }
                    super.visitLdcInsn(site);
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "slot", "(Ljava/lang/Object;II)V", false);
                    changed[0] = true;
                }
            }
            super.visitInsn(opcode);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            if (opcode == Opcodes.INVOKEVIRTUAL && AtomicHooks.SUPPORTED.contains(owner + "." + name + " "
                    + descriptor)) {
                boolean array = owner.endsWith("Array");
                int site = site(owner, array ? null : "value");
                if (site > 0) {
                    super.visitLdcInsn(site);
                    String hook = "(L" + owner + ";" + descriptor.substring(1, descriptor.indexOf(')')) + "I)"
                            + descriptor.substring(descriptor.indexOf(')') + 1);
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, ATOMIC_HOOKS, name, hook, false);
                    changed[0] = true;
                    return;
                }
            }
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            super.visitMaxs(maxStack + 4, maxLocals); // the copies of the object, slot and value, and the site
        }
    }
}
