// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.stats;

/**
 * The fixed twin of {@link RequestStats}: the same four {@code volatile long} counters, each on its own 128 bytes
 * (two cache lines, since the adjacent-line prefetcher pulls lines in pairs; HotSpot's {@code ContendedPaddingWidth}
 * is 128 too). The padding is inherited ({@link RequestStatsPadding}): HotSpot lays out a superclass's fields before
 * its subclass's, while it may reorder the fields of one class, so padding fields declared beside the counters
 * could end up anywhere. {@code @jdk.internal.vm.annotation.Contended} would do the same but needs
 * {@code -XX:-RestrictContended} outside the JDK. RequestStatsLayoutTest checks the offsets.
 */
final class PaddedRequestStats extends RequestStatsPadding.AfterTimeouts implements RequestCounters {

    @Override
    public void countHit() {
        hits++; // not atomic, and needs not be: this counter has one writer
    }

    @Override
    public void countMiss() {
        misses++;
    }

    @Override
    public void countError() {
        errors++;
    }

    @Override
    public void countTimeout() {
        timeouts++;
    }

    @Override
    public long[] counts() {
        return new long[] {hits, misses, errors, timeouts};
    }
}
