// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.bootstrap.executors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TaskHistogramTest {

    @Test
    void indexMatchesTheDocumentedBuckets() {
        assertThat(TaskHistogram.index(0)).isZero();
        assertThat(TaskHistogram.index(1023)).isZero();
        assertThat(TaskHistogram.index(1024)).isEqualTo(1);
        assertThat(TaskHistogram.index(1279)).isEqualTo(1);
        assertThat(TaskHistogram.index(1280)).isEqualTo(2);
        assertThat(TaskHistogram.index(1536)).isEqualTo(3);
        assertThat(TaskHistogram.index(1792)).isEqualTo(4);
        assertThat(TaskHistogram.index(2047)).isEqualTo(4);
        assertThat(TaskHistogram.index(2048)).isEqualTo(5);
        assertThat(TaskHistogram.index(2560)).isEqualTo(6);
    }

    @Test
    void lowerMatchesTheDocumentedBuckets() {
        assertThat(TaskHistogram.lower(0)).isZero();
        assertThat(TaskHistogram.lower(1)).isEqualTo(1024);
        assertThat(TaskHistogram.lower(2)).isEqualTo(1280);
        assertThat(TaskHistogram.lower(3)).isEqualTo(1536);
        assertThat(TaskHistogram.lower(4)).isEqualTo(1792);
        assertThat(TaskHistogram.lower(5)).isEqualTo(2048);
        assertThat(TaskHistogram.lower(6)).isEqualTo(2560);
    }

    @Test
    void everyBucketHoldsItsLowerBoundAndEndsBelowTheNext() {
        for (int i = 1; i < TaskHistogram.BUCKETS - 1; i++) {
            assertThat(TaskHistogram.index(TaskHistogram.lower(i))).as("index(lower(%d))", i).isEqualTo(i);
            assertThat(TaskHistogram.index(TaskHistogram.lower(i + 1) - 1)).as("last of %d", i).isEqualTo(i);
        }
        assertThat(TaskHistogram.index(Long.MAX_VALUE)).isEqualTo(TaskHistogram.BUCKETS - 1);
    }

    @Test
    void negativeValuesGoToBucketZero() {
        assertThat(TaskHistogram.index(-5)).isZero();
    }

    @Test
    void encodesNonEmptyBucketsAscendingAndResets() {
        TaskHistogram histogram = new TaskHistogram();
        histogram.record(917_504); // lower(40), recorded first: the encoding is by index, not arrival
        for (int i = 0; i < 12; i++) {
            histogram.record(500);
        }
        for (int i = 0; i < 3; i++) {
            histogram.record(4_100); // bucket 9 = [4096, 5120)
        }
        assertThat(histogram.drainEncoded()).isEqualTo("0:12,9:3,40:1"); // the example in docs/executor-events.md
        assertThat(histogram.drainEncoded()).isEmpty();
    }
}
