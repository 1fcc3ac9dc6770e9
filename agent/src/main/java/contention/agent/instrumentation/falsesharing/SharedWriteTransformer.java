// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.instrumentation.falsesharing;

import contention.agent.AgentLog;
import contention.agent.bootstrap.falsesharing.AtomicHooks;
import contention.agent.bootstrap.falsesharing.WriteBuffer;
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
import net.bytebuddy.jar.asm.Type;

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
 *   invokevirtual VarHandle.getAndAdd(Stats,J)J, AtomicLongFieldUpdater.incrementAndGet(Object)J, ...
 *                                    →  lstore n+1; astore n; dup; aload n; ldc site; bipush kind;
 *                                       invokestatic HandleHooks.field(Object,Object,int,byte); aload n; lload n+1;
 *                                       invokevirtual (the same)
 * </pre>
 * The rewrite adds no branch or handler, and locals only past the method's own, stored and loaded with no branch
 * between: no stack map frame changes, safe to retransform. Constructors and
 * static initializers are left alone: an object being built is its building thread's alone.
 *
 * <p>Classes outside the app's scope, and those with nothing to rewrite, are left untouched (null after one read).
 */
public final class SharedWriteTransformer implements ClassFileTransformer {

    static final String HOOKS = "contention/agent/bootstrap/falsesharing/SharedWrites";
    static final String ATOMIC_HOOKS = "contention/agent/bootstrap/falsesharing/AtomicHooks";
    static final String HANDLE_HOOKS = "contention/agent/bootstrap/falsesharing/HandleHooks";
    static final String VAR_HANDLE = "java/lang/invoke/VarHandle";
    static final Set<String> VAR_HANDLE_READS = Set.of("get", "getVolatile", "getAcquire", "getOpaque");
    static final Set<String> UPDATERS = Set.of("java/util/concurrent/atomic/AtomicLongFieldUpdater",
            "java/util/concurrent/atomic/AtomicIntegerFieldUpdater",
            "java/util/concurrent/atomic/AtomicReferenceFieldUpdater");

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
            Map<String, Integer> maxLocals = new HashMap<>();
            Map<String, Set<String>> writes = fieldsWrittenByMethod(reader, internalName, maxLocals);
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
                    return new AccessVisitor(next, internalName, volatileFields, written, frame, source[0], changed,
                            maxLocals.getOrDefault(name + descriptor, 0));
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
    // Also each method's max locals: the first local a rewrite may spill into.
    private static Map<String, Set<String>> fieldsWrittenByMethod(ClassReader reader, String className,
            Map<String, Integer> maxLocals) {
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

                    @Override
                    public void visitMaxs(int maxStack, int locals) {
                        maxLocals.put(name + descriptor, locals);
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
        private final int firstSpill; // the method's max locals: spilled arguments go from here on
        private int spilled; // most locals a rewrite in this method spilled into
        private int line = -1;

        AccessVisitor(MethodVisitor next, String className, Set<String> volatileFields, Set<String> writtenHere,
                String frame, String source, boolean[] changed, int firstSpill) {
            super(Opcodes.ASM9, next);
            this.className = className;
            this.volatileFields = volatileFields;
            this.writtenHere = writtenHere;
            this.frame = frame;
            this.source = source;
            this.changed = changed;
            this.firstSpill = firstSpill;
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
            if (opcode == Opcodes.INVOKEVIRTUAL && (owner.equals(VAR_HANDLE) && isAccessMode(name)
                    || UPDATERS.contains(owner) && descriptor.startsWith("(Ljava/lang/Object;"))) {
                Type[] arguments = Type.getArgumentTypes(descriptor);
                int site = arguments.length > 0 && arguments[0].getSort() >= Type.ARRAY ? site(owner, null) : -1;
                if (site > 0) {
                    handleAccess(owner, name, descriptor, arguments, site);
                    changed[0] = true;
                    return;
                }
            }
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }

        // handle.name(object, [index,] values...): spills the arguments into fresh locals (a straight run of stores and
        // loads, so no stack map frame changes), calls the hook with the handle and object (and index), reloads.
        private void handleAccess(String owner, String name, String descriptor, Type[] arguments, int site) {
            int[] locals = new int[arguments.length];
            int next = firstSpill;
            for (int i = 0; i < arguments.length; i++) {
                locals[i] = next;
                next += arguments[i].getSize();
            }
            spilled = Math.max(spilled, next - firstSpill);
            for (int i = arguments.length - 1; i >= 0; i--) {
                super.visitVarInsn(arguments[i].getOpcode(Opcodes.ISTORE), locals[i]);
            }
            super.visitInsn(Opcodes.DUP); // the handle
            super.visitVarInsn(Opcodes.ALOAD, locals[0]);
            boolean slot = owner.equals(VAR_HANDLE) && arguments.length - accessValues(name) == 2
                    && arguments[1].getSort() == Type.INT;
            if (slot) {
                super.visitVarInsn(Opcodes.ILOAD, locals[1]);
            }
            super.visitLdcInsn(site);
            super.visitIntInsn(Opcodes.BIPUSH, isRead(owner, name)
                    ? (slot ? WriteBuffer.SLOT_READ : WriteBuffer.HANDLE_READ)
                    : (slot ? WriteBuffer.SLOT_WRITE : WriteBuffer.HANDLE_WRITE));
            if (slot) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HANDLE_HOOKS, "slot",
                        "(Ljava/lang/invoke/VarHandle;Ljava/lang/Object;IIB)V", false);
            } else {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HANDLE_HOOKS, "field",
                        "(Ljava/lang/Object;Ljava/lang/Object;IB)V", false);
            }
            for (int i = 0; i < arguments.length; i++) {
                super.visitVarInsn(arguments[i].getOpcode(Opcodes.ILOAD), locals[i]);
            }
            super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, owner, name, descriptor, false);
        }

        // An updater's get, or one of VarHandle's plain, volatile, acquire and opaque reads.
        private static boolean isRead(String owner, String name) {
            return owner.equals(VAR_HANDLE) ? VAR_HANDLE_READS.contains(name) : name.equals("get");
        }

        // The values an access mode takes after its coordinates: none to get, one to set or add, two to compare.
        private static int accessValues(String name) {
            if (VAR_HANDLE_READS.contains(name)) {
                return 0;
            }
            return name.startsWith("compareAnd") || name.startsWith("weakCompareAnd") ? 2 : 1;
        }

        // VarHandle's signature-polymorphic access methods (get, setVolatile, getAndAdd, ...), not its other methods.
        private static boolean isAccessMode(String name) {
            try {
                java.lang.invoke.VarHandle.AccessMode.valueFromMethodName(name);
                return true;
            } catch (IllegalArgumentException notOne) {
                return false;
            }
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            // The copies of the object, slot and value, the site and kind; the spilled arguments.
            super.visitMaxs(maxStack + 5, Math.max(maxLocals, firstSpill + spilled));
        }
    }
}
