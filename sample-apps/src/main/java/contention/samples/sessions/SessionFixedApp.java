// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.sessions;

import contention.samples.common.SampleArgs;
import java.time.Duration;

/**
 * Fixed twin of {@link SessionApp}: the same requests on a session store kept in a {@code ConcurrentHashMap}.
 * Run: {@code java -cp sample-apps/target/sample-apps.jar contention.samples.sessions.SessionFixedApp 5s 8}.
 */
public final class SessionFixedApp {

    public static void main(String[] args) throws InterruptedException {
        SampleArgs parsed = SampleArgs.parse(args, SessionFixedApp.class, Duration.ofSeconds(5), 8);
        new RequestWorkload().run("sessions-fixed", new ConcurrentSessionStore(), parsed);
    }

    private SessionFixedApp() {}
}
