// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.sessions;

import contention.samples.common.SampleArgs;
import java.time.Duration;

/**
 * Problem: request threads share a session store kept in a {@code java.util.Hashtable}; every request, for any
 * session, takes the table's one monitor and records its visit while holding it.
 * Run: {@code java -cp sample-apps/target/sample-apps.jar contention.samples.sessions.SessionApp 5s 8}.
 */
public final class SessionApp {

    public static void main(String[] args) throws InterruptedException {
        SampleArgs parsed = SampleArgs.parse(args, SessionApp.class, Duration.ofSeconds(5), 8);
        new RequestWorkload().run("sessions", new SessionStore(), parsed);
    }

    private SessionApp() {}
}
