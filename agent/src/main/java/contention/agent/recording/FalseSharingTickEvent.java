// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.recording;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Never written: its periodic hook, every {@link #PERIOD}, opens and closes the false-sharing sampling windows and
 * drains them ({@link CacheLineSampler}). JFR's periodic thread is the timer for the reason given in
 * {@link MonitorWaitSampleEvent}.
 */
@Name(FalseSharingTickEvent.NAME)
@Label("False Sharing Tick")
@Category({"Contention", "False Sharing"})
@Description("Timer of the contention agent's false-sharing sampling windows; never written")
@StackTrace(false)
final class FalseSharingTickEvent extends jdk.jfr.Event {

    static final String NAME = "contention.FalseSharingTick";

    /** A window's length; at the default rate one window in twenty is open. */
    static final String PERIOD = "20 ms";
}
