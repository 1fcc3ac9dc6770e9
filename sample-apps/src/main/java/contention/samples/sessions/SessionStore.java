// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.sessions;

import java.util.Hashtable;

/**
 * A session store the way older web apps keep one: a {@link Hashtable}. Every method of a Hashtable is
 * {@code synchronized} on the table itself, so every request, whichever session it touches, queues on this one
 * monitor, and records its visit (splitting and rebuilding the trail) while holding it.
 */
final class SessionStore implements Sessions {

    private final Hashtable<String, Session> sessions;

    SessionStore() {
        this.sessions = new Hashtable<>();
    }

    @Override
    public Session get(String id, String page) {
        return sessions.computeIfPresent(id, (key, session) -> session.visit(page, System.currentTimeMillis()));
    }

    @Override
    public void put(String id, Session session) {
        sessions.put(id, session);
    }

    @Override
    public boolean touch(String id, String name, String value) {
        return sessions.computeIfPresent(id, (key, session) -> session.with(name, value)) != null;
    }

    @Override
    public int size() {
        return sessions.size();
    }
}
