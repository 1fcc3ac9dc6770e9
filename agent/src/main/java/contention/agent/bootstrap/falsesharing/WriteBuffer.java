// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.bootstrap.falsesharing;

/**
 * One thread's sampled accesses of the current window, and of the previous one for the drain: two halves, the
 * thread writing into the one {@link SharedWrites#epoch} names. Entries beyond {@link #CAPACITY} in a window are
 * only counted.
 *
 * <p>Assumptions and guarantees: the owning thread appends, the one draining thread reads the other half after
 * flipping the epoch. An append racing with the flip (the thread read the old epoch just before it) can be missed
 * or seen twice; the drain skips entries not written yet. The objects it holds are released when the half is
 * drained, within a window.
 */
public final class WriteBuffer {

    /**
     * Entries kept per window: enough to see which threads touch which members; the rest are counted. A buffer
     * takes ~30 KB, so 1,000 threads that write in windows hold ~30 MB.
     */
    public static final int CAPACITY = 1_024;

    /** Kinds of access. */
    public static final byte WRITE = 0;
    public static final byte READ = 1;
    public static final byte SLOT_WRITE = 2;
    public static final byte SLOT_READ = 3;
    /** Through a {@code VarHandle} or field updater: the slot holds the handle's number ({@link Handles}). */
    public static final byte HANDLE_WRITE = 4;
    public static final byte HANDLE_READ = 5;

    public final Thread thread;
    final Object[][] owners = {new Object[CAPACITY], new Object[CAPACITY]};
    final int[][] sites = {new int[CAPACITY], new int[CAPACITY]};
    final int[][] slots = {new int[CAPACITY], new int[CAPACITY]};
    final byte[][] kinds = {new byte[CAPACITY], new byte[CAPACITY]};
    // Per half, as fields rather than arrays: the appending thread's check is one load shorter, and in a loop
    // whose every write waits for a cache line that load is on the critical path.
    int count0;
    int count1;
    long beyond0; // accesses past CAPACITY
    long beyond1;

    WriteBuffer(Thread thread) {
        this.thread = thread;
    }

    void append(int half, Object owner, int site, int slot, byte kind) {
        int n = half == 0 ? count0 : count1;
        if (n < CAPACITY) {
            owners[half][n] = owner;
            sites[half][n] = site;
            slots[half][n] = slot;
            kinds[half][n] = kind;
            if (half == 0) {
                count0 = n + 1;
            } else {
                count1 = n + 1;
            }
        } else if (half == 0) {
            beyond0++;
        } else {
            beyond1++;
        }
    }

    /** Entries of {@code half}. */
    public int count(int half) {
        return Math.min(half == 0 ? count0 : count1, CAPACITY);
    }

    /** Accesses of {@code half} past {@link #CAPACITY}, seen but not kept. */
    public long beyond(int half) {
        return half == 0 ? beyond0 : beyond1;
    }

    public Object owner(int half, int i) {
        return owners[half][i];
    }

    public int site(int half, int i) {
        return sites[half][i];
    }

    public int slot(int half, int i) {
        return slots[half][i];
    }

    public byte kind(int half, int i) {
        return kinds[half][i];
    }

    /** Empties {@code half} for its next window and lets go of its objects. */
    public void clear(int half) {
        int n = count(half);
        java.util.Arrays.fill(owners[half], 0, n, null);
        if (half == 0) {
            count0 = 0;
            beyond0 = 0;
        } else {
            count1 = 0;
            beyond1 = 0;
        }
    }
}
