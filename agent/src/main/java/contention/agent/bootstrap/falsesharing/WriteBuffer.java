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
    final int[] counts = new int[2];
    final long[] beyond = new long[2]; // accesses past CAPACITY

    WriteBuffer(Thread thread) {
        this.thread = thread;
    }

    void append(int half, Object owner, int site, int slot, byte kind) {
        int n = counts[half];
        if (n < CAPACITY) {
            owners[half][n] = owner;
            sites[half][n] = site;
            slots[half][n] = slot;
            kinds[half][n] = kind;
            counts[half] = n + 1;
        } else {
            beyond[half]++;
        }
    }

    /** Entries of {@code half}. */
    public int count(int half) {
        return Math.min(counts[half], CAPACITY);
    }

    /** Accesses of {@code half} past {@link #CAPACITY}, seen but not kept. */
    public long beyond(int half) {
        return beyond[half];
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
        counts[half] = 0;
        beyond[half] = 0;
    }
}
