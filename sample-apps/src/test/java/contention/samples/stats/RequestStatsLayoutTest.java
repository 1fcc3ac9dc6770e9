// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.stats;

import static contention.samples.layout.FieldLayout.CACHE_LINE_BYTES;
import static contention.samples.layout.FieldLayout.PADDED_BYTES;
import static contention.samples.layout.FieldLayout.distance;
import static contention.samples.layout.FieldLayout.offset;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The premise of the RequestStats pair: adjacent counters share a line; the padded ones are 128 bytes apart. */
class RequestStatsLayoutTest {

    @Test
    void requestStatsCountersShareOneCacheLine() {
        for (String other : new String[] {"misses", "errors", "timeouts"}) {
            assertThat(distance(RequestStats.class, "hits", other)).as("hits to %s", other)
                    .isLessThan(CACHE_LINE_BYTES);
        }
    }

    @Test
    void paddedRequestStatsCountersAre128BytesApart() {
        String[] counters = RequestCounters.OUTCOMES;
        for (int i = 0; i < counters.length; i++) {
            for (int j = i + 1; j < counters.length; j++) {
                assertThat(distance(PaddedRequestStats.class, counters[i], counters[j]))
                        .as("%s to %s", counters[i], counters[j]).isGreaterThanOrEqualTo(PADDED_BYTES);
            }
        }
        // Off the object header's line (mark word and class pointer, the first 12 or 16 bytes), by 128 bytes.
        assertThat(offset(PaddedRequestStats.class, "hits")).isGreaterThanOrEqualTo(PADDED_BYTES);
    }
}
