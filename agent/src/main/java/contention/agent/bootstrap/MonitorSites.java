// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.bootstrap;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What the agent learnt about each instrumented {@code synchronized} statement when it rewrote it: the field its
 * monitor was read from ({@code com.acme.AuditLog.lock}), if any. The rewritten code passes the site's number, so
 * the hot path carries an int, not a string.
 *
 * <p>Assumptions and guarantees: {@link #register} runs while classes load (any thread), {@link #field} on the
 * sampled path; bounded to {@link #MAX_SITES} distinct descriptions, site 0 meaning "nothing known".
 */
public final class MonitorSites {

    /** Distinct field descriptions kept; sites beyond share number 0 and are reported without a field. */
    public static final int MAX_SITES = 32_767; // fits the SIPUSH the rewritten code loads it with

    private static final AtomicReferenceArray<String> FIELDS = new AtomicReferenceArray<>(MAX_SITES + 1);
    private static final ConcurrentHashMap<String, Integer> NUMBERS = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT = new AtomicInteger(1);

    /** The number of a site whose monitor is read from {@code field}; 0 when {@code field} is null or past the bound. */
    public static int register(String field) {
        if (field == null) {
            return 0;
        }
        Integer known = NUMBERS.get(field);
        if (known != null) {
            return known;
        }
        if (NEXT.get() > MAX_SITES) {
            return 0;
        }
        return NUMBERS.computeIfAbsent(field, f -> {
            int number = NEXT.getAndIncrement();
            if (number > MAX_SITES) {
                return 0;
            }
            FIELDS.set(number, f);
            return number;
        });
    }

    /** The field of site {@code number}, or null. */
    static String field(int number) {
        return number > 0 && number <= MAX_SITES ? FIELDS.get(number) : null;
    }

    private MonitorSites() {}
}
