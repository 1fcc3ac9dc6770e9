// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.sessions;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The fixed twin of {@link SessionStore}: a {@link ConcurrentHashMap}, read without locking. A visit or a new
 * attribute is computed outside any lock and swapped in with {@code replace(id, old, new)}, which locks only
 * that session's bin for the swap itself; if another request swapped first, it is computed again from the newer
 * session. ({@code computeIfPresent} would be correct too, but holds the bin lock while it computes, and a thread
 * descheduled there stalls every request for that bin.)
 */
final class ConcurrentSessionStore implements Sessions {

    private final ConcurrentHashMap<String, Session> sessions;

    ConcurrentSessionStore() {
        this.sessions = new ConcurrentHashMap<>();
    }

    @Override
    public Session get(String id, String page) {
        for (Session session = sessions.get(id); session != null; session = sessions.get(id)) {
            Session visited = session.visit(page, System.currentTimeMillis());
            if (sessions.replace(id, session, visited)) {
                return visited;
            }
        }
        return null;
    }

    @Override
    public void put(String id, Session session) {
        sessions.put(id, session);
    }

    @Override
    public boolean touch(String id, String name, String value) {
        for (Session session = sessions.get(id); session != null; session = sessions.get(id)) {
            if (sessions.replace(id, session, session.with(name, value))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int size() {
        return sessions.size();
    }
}
