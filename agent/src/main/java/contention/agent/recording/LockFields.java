// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.recording;

import contention.agent.bootstrap.AllocationSite;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Finds the field a lock was stored in when it was created, from the bytecode of the creating line:
 * {@code private final ReentrantLock lock = new ReentrantLock(true);} in {@code Ledger} gives
 * {@code contention.samples.ledger.Ledger.lock}, and {@code stripes[i] = new ReentrantLock();} gives
 * {@code ...StripedLedger.stripes[]}. A lock kept in a local variable, returned, or created on a line with no such
 * store has no field. Runs on JFR's periodic thread, never on the app's.
 */
final class LockFields {

    /** Sites remembered; a program has few places that create locks. */
    static final int MAX_CACHED_SITES = 4_096;

    private final Map<String, String> fieldBySite = new LinkedHashMap<String, String>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_CACHED_SITES;
        }
    };

    /** The field, as {@code pkg.Class.field} or {@code pkg.Class.field[]}, or null when there is none. */
    String fieldOf(AllocationSite site) {
        Class<?> owner = site.declaringClass();
        if (owner == null || site.lineNumber <= 0) {
            return null;
        }
        String key = owner.getName() + '.' + site.methodName + site.methodDescriptor + ':' + site.lineNumber;
        if (fieldBySite.containsKey(key)) {
            return fieldBySite.get(key);
        }
        String field = read(owner, site);
        fieldBySite.put(key, field);
        return field;
    }

    private static String read(Class<?> owner, AllocationSite site) {
        String resource = owner.getName().replace('.', '/') + ".class";
        ClassLoader loader = owner.getClassLoader();
        try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource)
                : loader.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            StoreAfterCall finder = new StoreAfterCall(site);
            new ClassReader(in).accept(finder, ClassReader.SKIP_FRAMES);
            return finder.field;
        } catch (IOException | RuntimeException e) {
            return null; // a class we cannot read or parse just has no field in the report
        }
    }

    /** On the creating line: the first store after a call, as the field it writes. */
    private static final class StoreAfterCall extends ClassVisitor {
        private final AllocationSite site;
        String field;

        StoreAfterCall(AllocationSite site) {
            super(Opcodes.ASM9);
            this.site = site;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            if (!name.equals(site.methodName) || !descriptor.equals(site.methodDescriptor)) {
                return null;
            }
            return new MethodVisitor(Opcodes.ASM9) {
                private int line;
                private boolean called;
                private boolean done;
                private String lastArrayField;

                @Override
                public void visitLineNumber(int lineNumber, Label start) {
                    line = lineNumber;
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String name, String descriptor,
                        boolean isInterface) {
                    if (line == site.lineNumber) {
                        called = true;
                    }
                }

                @Override
                public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
                    if (line != site.lineNumber || done) {
                        return;
                    }
                    if (!called && (opcode == Opcodes.GETFIELD || opcode == Opcodes.GETSTATIC)) {
                        lastArrayField = owner.replace('/', '.') + '.' + name;
                    } else if (called && (opcode == Opcodes.PUTFIELD || opcode == Opcodes.PUTSTATIC)) {
                        field = owner.replace('/', '.') + '.' + name;
                        done = true;
                    }
                }

                @Override
                public void visitInsn(int opcode) {
                    if (line == site.lineNumber && called && !done && opcode == Opcodes.AASTORE) {
                        field = lastArrayField == null ? null : lastArrayField + "[]";
                        done = true;
                    } else if (line == site.lineNumber && called && !done && opcode >= Opcodes.IRETURN
                            && opcode <= Opcodes.RETURN) {
                        done = true;
                    }
                }

                @Override
                public void visitVarInsn(int opcode, int varIndex) {
                    if (line == site.lineNumber && called && !done && opcode == Opcodes.ASTORE) {
                        done = true; // kept in a local variable: no field
                    }
                }
            };
        }
    }
}
