// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.health;

import static contention.samples.layout.FieldLayout.CACHE_LINE_BYTES;
import static contention.samples.layout.FieldLayout.PADDED_BYTES;
import static contention.samples.layout.FieldLayout.distance;
import static contention.samples.layout.FieldLayout.offset;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The premise of the HealthCheck pair: the written and the read field share a line, or are 128 bytes apart. */
class ServiceHealthLayoutTest {

    @Test
    void serviceHealthFieldsShareOneCacheLine() {
        assertThat(distance(ServiceHealth.class, "heartbeats", "connectionLimit")).isLessThan(CACHE_LINE_BYTES);
    }

    @Test
    void paddedServiceHealthFieldsAre128BytesApart() {
        assertThat(distance(PaddedServiceHealth.class, "heartbeats", "connectionLimit"))
                .isGreaterThanOrEqualTo(PADDED_BYTES);
        assertThat(offset(PaddedServiceHealth.class, "heartbeats")).isGreaterThanOrEqualTo(PADDED_BYTES);
    }

    @Test
    void bothStartWithTheConfiguredLimit() {
        assertThat(new ServiceHealth().connectionLimit()).isEqualTo(Health.CONNECTION_LIMIT);
        assertThat(new PaddedServiceHealth().connectionLimit()).isEqualTo(Health.CONNECTION_LIMIT);
    }
}
