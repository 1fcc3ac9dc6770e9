// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.sessions;

import java.util.HashMap;
import java.util.Map;

/**
 * One user's session: who, how many requests, the trail of the last pages and a few attributes. Immutable, so
 * that a request can render it outside any lock: a visit or a new attribute makes a new session, which the
 * store swaps in while it holds the entry.
 */
final class Session {

    static final int TRAIL = 4;

    final String id;
    final String user;
    final int visits;
    final long lastSeenMillis;
    final String trail;                        // the last pages, newest first: "/cart < /item/17 < /"
    final Map<String, String> attributes;

    private Session(String id, String user, int visits, long lastSeenMillis, String trail,
            Map<String, String> attributes) {
        this.id = id;
        this.user = user;
        this.visits = visits;
        this.lastSeenMillis = lastSeenMillis;
        this.trail = trail;
        this.attributes = attributes;
    }

    static Session login(String id, String user, long nowMillis) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("locale", "en_GB");
        attributes.put("cart", "0");
        return new Session(id, user, 0, nowMillis, "/login", attributes);
    }

    /** This session after a request to {@code page}: one more visit and the page at the head of the trail. */
    Session visit(String page, long nowMillis) {
        String[] pages = trail.split(" < ");
        StringBuilder next = new StringBuilder(64).append(page);
        for (int i = 0; i < Math.min(pages.length, TRAIL - 1); i++) {
            next.append(" < ").append(pages[i]);
        }
        return new Session(id, user, visits + 1, nowMillis, next.toString(), attributes);
    }

    /** This session with one attribute set. */
    Session with(String name, String value) {
        Map<String, String> copy = new HashMap<>(attributes);
        copy.put(name, value);
        copy.put("updated", Integer.toString(visits));
        return new Session(id, user, visits, lastSeenMillis, trail, copy);
    }

    /** What a page shows of the session: done by the request, outside the store. */
    String render() {
        StringBuilder html = new StringBuilder(256).append("<nav>").append(user).append(" (").append(visits)
                .append(" visits) ").append(trail).append("</nav><dl>");
        attributes.forEach((name, value) -> html.append("<dt>").append(name).append("<dd>").append(value));
        return html.append("</dl>").toString();
    }
}
