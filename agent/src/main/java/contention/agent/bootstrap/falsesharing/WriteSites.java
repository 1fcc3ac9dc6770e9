// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.bootstrap.falsesharing;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What the agent learnt about each instruction it rewrote to report a write or read: the member (a field, by its
 * declaring class's name and its own; or "a slot of an array") and the frame it is in
 * ({@code com.acme.Stats.hit(Stats.java:12)}). The rewritten code passes the site's number, so the hot path carries
 * an int.
 *
 * <p>Assumptions and guarantees: {@link #register} runs while classes load (any thread), the getters on the
 * drain; at most {@link #MAX_SITES} sites, beyond which instructions are not rewritten.
 */
public final class WriteSites {

    /**
     * Sites told apart (~100 bytes each: ~25 MB at most); instructions past it are not rewritten, so their
     * accesses are not seen.
     */
    public static final int MAX_SITES = 1 << 18;

    private static final AtomicReferenceArray<Site> SITES = new AtomicReferenceArray<>(MAX_SITES);
    private static final ConcurrentHashMap<String, Integer> NUMBERS = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT = new AtomicInteger(1); // 0: unknown

    /** One rewritten instruction. */
    public static final class Site {
        /** Internal name of the class that declares the field, or of the array's type for a slot. */
        public final String owner;
        /** The field's name; null for an array slot. */
        public final String field;
        /** {@code com.acme.Stats.hit(Stats.java:12)}. */
        public final String frame;

        Site(String owner, String field, String frame) {
            this.owner = owner;
            this.field = field;
            this.frame = frame;
        }
    }

    /**
     * The number of the site at {@code frame} that writes or reads {@code field} of {@code owner} (an internal
     * name), or a slot of an array when {@code field} is null; -1 when {@link #MAX_SITES} are taken.
     */
    public static int register(String owner, String field, String frame) {
        String key = owner + '\u0000' + field + '\u0000' + frame;
        Integer known = NUMBERS.get(key);
        if (known != null) {
            return known;
        }
        return NUMBERS.computeIfAbsent(key, k -> {
            int number = NEXT.getAndIncrement();
            if (number >= MAX_SITES) {
                return -1;
            }
            SITES.set(number, new Site(owner, field, frame));
            return number;
        });
    }

    /** The site numbered {@code number}, or null. */
    public static Site site(int number) {
        return number > 0 && number < MAX_SITES ? SITES.get(number) : null;
    }

    private WriteSites() {}
}
