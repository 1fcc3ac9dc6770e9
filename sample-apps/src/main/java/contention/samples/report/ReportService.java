// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.report;

import java.util.concurrent.Future;

/** Builds a customer's report, its sections computed in parallel; the two services differ only in how. */
interface ReportService {

    /** Starts building {@code customer}'s report; the future's value is the sum of its sections. */
    Future<Long> build(int customer);

    /** Reports whose sections did not arrive in time and were computed by the report task itself. */
    long timedOut();

    /** Stops the service's pool, waiting for what still runs. */
    void shutdown() throws InterruptedException;
}
