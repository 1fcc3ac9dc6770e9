// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.it.support;

import java.util.Set;

/**
 * Which lock verdict a sample app gets on which JDK. The global-lock verdict needs the share of the lock's
 * threads' JFR execution samples taken inside it (the serial fraction) to reach 0.8. On JDK 17 the samples built
 * around one serializing lock (the LRU cache, the id generator, the audit log, the request log) measured 0.90 to
 * 1.00; on JDK 25, whose JFR samples threads differently (JEP 518) and whose formatting code is faster, the same
 * apps measured 0.75 to 0.79, either side of the mark. There a hot-lock verdict on the same lock is right too.
 */
public final class Verdicts {

    /** The kinds a sample whose threads do nearly all their work under one lock may get on {@code jdk}. */
    public static Set<String> serializingSample(TestJdk jdk) {
        return jdk.feature() == 17 ? Set.of("global-lock") : Set.of("global-lock", "hot-lock");
    }

    private Verdicts() {}
}
