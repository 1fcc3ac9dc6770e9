// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.audit;

import contention.samples.common.SampleArgs;
import java.time.Duration;

/**
 * Problem: clerk threads write every payment to an audit log that formats each line inside a
 * {@code synchronized} block on one lock object.
 * Run: {@code java -cp sample-apps/target/sample-apps.jar contention.samples.audit.AuditApp 5s 8}.
 */
public final class AuditApp {

    public static void main(String[] args) throws InterruptedException {
        SampleArgs parsed = SampleArgs.parse(args, AuditApp.class, Duration.ofSeconds(5), 8);
        new AuditWorkload().run("audit", new AuditLog(), parsed);
    }

    private AuditApp() {}
}
