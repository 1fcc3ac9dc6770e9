// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.model;

import java.util.Objects;

/**
 * A pool as a finding names it: its name, its class and where most of its tasks were submitted.
 *
 * @param name the pool's name, e.g. {@code resize} or {@code ForkJoinPool.commonPool}
 * @param className the executor's class, e.g. {@code java.util.concurrent.ThreadPoolExecutor}, or {@code null}
 * @param submitSite the frame that submitted most of its tasks, or {@code null} when no submit was sampled
 */
public record PoolRef(String name, String className, String submitSite) {

    public PoolRef {
        Objects.requireNonNull(name, "name");
    }
}
