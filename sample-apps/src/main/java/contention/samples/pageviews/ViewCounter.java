// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.pageviews;

/** A page-view counter every request thread adds to; any thread may read the total. */
interface ViewCounter {

    void recordView();

    long views();
}
