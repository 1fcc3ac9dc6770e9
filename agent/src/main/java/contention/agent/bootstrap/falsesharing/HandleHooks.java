// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.bootstrap.falsesharing;

import java.lang.invoke.VarHandle;

/**
 * Called from app code the agent rewrote, before each call of a {@code VarHandle} access method
 * ({@code getAndAdd}, {@code setVolatile}, {@code getAcquire}, ...) and of an {@code AtomicLongFieldUpdater},
 * {@code AtomicIntegerFieldUpdater} or {@code AtomicReferenceFieldUpdater} method that takes an object: notes which
 * object's field (or which array slot) the call is about to write or read. The call itself then runs as written,
 * so its result, exceptions (a null handle or object, a wrong type, an index out of bounds) and memory effects are
 * its own; the hooks ignore what they cannot use.
 *
 * <p>Why beside the call rather than instead of it: a {@code VarHandle} access method is signature-polymorphic, so
 * no static stand-in can take its place for every descriptor; and linking the call through an
 * {@code invokedynamic} of our own ran the {@code VarHandle} sample at a fifth of its speed (C2 no longer saw the
 * handle as the constant of a {@code static final} field).
 */
public final class HandleHooks {

    /**
     * Before {@code handle.method(owner, ...)} at {@code site}: {@code handle}'s field of {@code owner} is written or
     * read ({@code kind}, a {@link WriteBuffer} kind); the drain finds the field from the handle.
     */
    public static void field(Object handle, Object owner, int site, byte kind) {
        if (SharedWrites.sampling && owner != null && handle != null && SharedWrites.armed()) {
            SharedWrites.note(owner, site, Handles.number(handle), kind);
        }
    }

    /**
     * Before {@code handle.method(array, index, ...)} at {@code site}: slot {@code index} is written or read. A view
     * of a {@code byte[]} as wider values (its index counts bytes) is left out.
     */
    public static void slot(VarHandle handle, Object array, int index, int site, byte kind) {
        if (SharedWrites.sampling && handle != null && array != null && SharedWrites.armed()
                && array.getClass().isArray()
                && handle.varType() == array.getClass().getComponentType()) {
            SharedWrites.note(array, site, index, kind);
        }
    }

    /** Loads and links what the hooks reach; called before any code is rewritten to call them. */
    static void initialize() {
        field(null, null, 0, WriteBuffer.HANDLE_WRITE);
        slot(null, null, 0, 0, WriteBuffer.SLOT_WRITE);
        Handles.handle(1);
    }

    private HandleHooks() {}
}
