// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.model;

import java.util.Objects;

/**
 * Identity of one lock as the report names it: its class, and where known the agent's id for the lock
 * instance, the site that allocated it and the field that holds it.
 *
 * <p>JFR's monitor address moves with the garbage collector, so JFR events alone identify a lock by its
 * class ({@link #ofClass}); the agent's own events carry a per-instance id and the allocation site
 * ({@link #ofAgent}), which split one class into the individual locks a person can find in the code.
 *
 * @param className the lock object's class, e.g. {@code java.util.Collections$SynchronizedMap}
 * @param agentId the agent's id of the lock instance, stable within one recording; {@link #NO_AGENT_ID} for
 *     a lock known from JFR's events only, {@link #AGENT_OTHER_LOCKS} for the agent's bucket of locks beyond
 *     its limit
 * @param allocationSite the innermost frame that allocated the lock, or {@code null} when unknown
 * @param field the field that holds the lock, e.g. {@code com.acme.PriceCache.map}, or {@code null}
 */
public record LockId(String className, long agentId, String allocationSite, String field) {

    /** How the {@link #field} of a class monitor taken by {@code static synchronized} methods begins. */
    public static final String STATIC_SYNCHRONIZED = "static synchronized ";

    /** The agent id of a lock known from JFR's events only. */
    public static final long NO_AGENT_ID = -1;

    /** The agent id of its "[other locks]" bucket: locks beyond the number it tells apart, summed. */
    public static final long AGENT_OTHER_LOCKS = 0;

    public LockId {
        Objects.requireNonNull(className, "className");
        if (agentId < NO_AGENT_ID) {
            throw new IllegalArgumentException("agent lock ids are 0 or more: " + agentId);
        }
    }

    /** A lock known only by its class. */
    public static LockId ofClass(String className) {
        return new LockId(className, NO_AGENT_ID, null, null);
    }

    /** A lock instance the agent identified, with its allocation site or {@code null}. */
    public static LockId ofAgent(String className, long agentId, String allocationSite) {
        return new LockId(className, agentId, allocationSite, null);
    }

    /** Whether this is a class's monitor, taken by its {@code static synchronized} methods. */
    public boolean isStaticSynchronized() {
        return field != null && field.startsWith(STATIC_SYNCHRONIZED);
    }

    /** Whether the agent identified this lock (or its bucket of other locks). */
    public boolean fromAgent() {
        return agentId != NO_AGENT_ID;
    }

    /** Whether this is the agent's bucket of locks it did not tell apart, rather than one lock. */
    public boolean isAgentOtherLocks() {
        return agentId == AGENT_OTHER_LOCKS;
    }

    /**
     * The stable id printed in reports: {@code <class>@<agentId>} for the agent's locks (the instance is the
     * identity; two locks of one class from one site stay apart), otherwise the class, then the allocation
     * site and field when known.
     */
    public String key() {
        if (fromAgent()) {
            return className + '@' + agentId;
        }
        StringBuilder key = new StringBuilder(className);
        if (allocationSite != null) {
            key.append('@').append(allocationSite);
        }
        if (field != null) {
            key.append('#').append(field);
        }
        return key.toString();
    }
}
