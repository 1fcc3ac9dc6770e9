// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.shards;

import contention.samples.common.SampleArgs;
import java.time.Duration;

/**
 * Fixed: the same increments in the same {@code AtomicLongArray}, shard {@code s} in slot {@code (s + 1) * 16}, so
 * each shard's counter has 128 bytes to itself.
 * Run: {@code java -cp sample-apps/target/sample-apps.jar contention.samples.shards.ShardCountersFixedApp 5s 2}.
 */
public final class ShardCountersFixedApp {

    public static void main(String[] args) throws InterruptedException {
        SampleArgs parsed = SampleArgs.parse(args, ShardCountersFixedApp.class, Duration.ofSeconds(5), 2);
        new ShardWorkload().run("shard-counters-fixed",
                new ShardRequestCounts(parsed.threads, ShardRequestCounts.PADDED_SLOT_STRIDE), parsed);
    }

    private ShardCountersFixedApp() {}
}
