// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.audit;

import contention.samples.common.SampleArgs;
import java.time.Duration;

/**
 * Fixed twin of {@link AuditApp}: the same payments audited into per-thread buffers, merged at the end.
 * Run: {@code java -cp sample-apps/target/sample-apps.jar contention.samples.audit.AuditFixedApp 5s 8}.
 */
public final class AuditFixedApp {

    public static void main(String[] args) throws InterruptedException {
        SampleArgs parsed = SampleArgs.parse(args, AuditFixedApp.class, Duration.ofSeconds(5), 8);
        new AuditWorkload().run("audit-fixed", new PerThreadAuditLog(), parsed);
    }

    private AuditFixedApp() {}
}
