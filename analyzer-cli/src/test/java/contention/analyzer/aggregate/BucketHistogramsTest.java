// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The agent's histogram encoding, with the examples of docs/executor-events.md. */
class BucketHistogramsTest {

    @Test
    void bucketsOfTheDocumentedExamples() {
        assertThat(BucketHistograms.index(0)).isZero();
        assertThat(BucketHistograms.index(1_023)).isZero();
        assertThat(BucketHistograms.index(1_024)).isEqualTo(1);
        assertThat(BucketHistograms.index(1_279)).isEqualTo(1);
        assertThat(BucketHistograms.index(1_280)).isEqualTo(2);
        assertThat(BucketHistograms.index(1_536)).isEqualTo(3);
        assertThat(BucketHistograms.index(1_792)).isEqualTo(4);
        assertThat(BucketHistograms.index(2_047)).isEqualTo(4);
        assertThat(BucketHistograms.index(2_048)).isEqualTo(5);
        assertThat(BucketHistograms.index(2_559)).isEqualTo(5);
        assertThat(BucketHistograms.index(2_560)).isEqualTo(6);

        assertThat(BucketHistograms.lower(0)).isZero();
        assertThat(BucketHistograms.lower(1)).isEqualTo(1_024);
        assertThat(BucketHistograms.lower(2)).isEqualTo(1_280);
        assertThat(BucketHistograms.lower(3)).isEqualTo(1_536);
        assertThat(BucketHistograms.lower(4)).isEqualTo(1_792);
        assertThat(BucketHistograms.lower(5)).isEqualTo(2_048);
        assertThat(BucketHistograms.lower(6)).isEqualTo(2_560);
    }

    @Test
    void everyValueLiesInItsBucketAndTheBucketsAreContiguous() {
        for (long value = 1; value > 0 && value < (1L << 55); value = value * 3 / 2 + 1) {
            int index = BucketHistograms.index(value);
            assertThat(BucketHistograms.lower(index)).as("lower(%d) for %d", index, value).isLessThanOrEqualTo(value);
            assertThat(BucketHistograms.lower(index + 1)).as("lower(%d) for %d", index + 1, value).isGreaterThan(value);
        }
        for (int index = 1; index <= BucketHistograms.MAX_DECODED_INDEX; index++) {
            long lower = BucketHistograms.lower(index);
            assertThat(BucketHistograms.index(lower)).isEqualTo(index);
            assertThat(BucketHistograms.index(lower - 1)).isEqualTo(index - 1);
        }
    }

    @Test
    void midpoints() {
        assertThat(BucketHistograms.midpoint(0)).isEqualTo(512);
        assertThat(BucketHistograms.midpoint(1)).isEqualTo(1_152);
        assertThat(BucketHistograms.midpoint(5)).isEqualTo(2_304);
        assertThat(BucketHistograms.midpoint(9)).isEqualTo(4_608);
        assertThat(BucketHistograms.midpoint(40)).isEqualTo(983_040);
        assertThat(BucketHistograms.snap(1_000_000)).isEqualTo(983_040);
        assertThat(BucketHistograms.snap(3)).isEqualTo(512);
    }

    @Test
    void decodesTheDocumentedExampleAtTheMidpoints() {
        Histogram histogram = BucketHistograms.newHistogram();

        long added = BucketHistograms.decodeInto("0:12,9:3,40:1", histogram);

        assertThat(added).isEqualTo(16);
        assertThat(histogram.getTotalCount()).isEqualTo(16);
        assertThat(BucketHistograms.snap(histogram.getValueAtPercentile(50))).isEqualTo(512);
        assertThat(BucketHistograms.snap(histogram.getValueAtPercentile(80))).isEqualTo(4_608);
        assertThat(BucketHistograms.snap(histogram.getMaxValue())).isEqualTo(983_040);
        assertThat(histogram.getCountAtValue(512)).isEqualTo(12);
    }

    @Test
    void emptyAndMalformedInputCostsOnlyItself() {
        Histogram histogram = BucketHistograms.newHistogram();

        assertThat(BucketHistograms.decodeInto("", histogram)).isZero();
        assertThat(BucketHistograms.decodeInto(null, histogram)).isZero();
        assertThat(BucketHistograms.decodeInto("x:1,3:-1,300:2,5:2,,7, 9 : 1 ,-1:4,2:99999999999999999999", histogram))
                .isEqualTo(3);
        assertThat(histogram.getTotalCount()).isEqualTo(3);
    }
}
