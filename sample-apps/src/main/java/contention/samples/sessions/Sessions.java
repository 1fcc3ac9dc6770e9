// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.sessions;

/** The sessions of a web app by id; the two stores of this sample differ only in the map behind them. */
interface Sessions {
    /** The session for a request to {@code page}, with the visit recorded; null if there is none. */
    Session get(String id, String page);

    /** Stores a new session under {@code id}, replacing any old one (a fresh login). */
    void put(String id, Session session);

    /** Sets one attribute of the session, as a request that changes it would; false if there is none. */
    boolean touch(String id, String name, String value);

    int size();
}
