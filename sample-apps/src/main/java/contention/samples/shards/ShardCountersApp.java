// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.shards;

import contention.samples.common.SampleArgs;
import java.time.Duration;

/**
 * Problem: each {@code shard-worker-N} thread increments its own shard's slot of one shared {@code AtomicLongArray}
 * ({@link ShardRequestCounts#requests}), and the slots are adjacent: eight shards' counters in one cache line, which
 * the workers take from each other on every increment (false sharing).
 * Run: {@code java -cp sample-apps/target/sample-apps.jar contention.samples.shards.ShardCountersApp 5s 2}.
 */
public final class ShardCountersApp {

    public static void main(String[] args) throws InterruptedException {
        SampleArgs parsed = SampleArgs.parse(args, ShardCountersApp.class, Duration.ofSeconds(5), 2);
        new ShardWorkload().run("shard-counters",
                new ShardRequestCounts(parsed.threads, ShardRequestCounts.ADJACENT_SLOT_STRIDE), parsed);
    }

    private ShardCountersApp() {}
}
