// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.recording;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Never written: its periodic hook, {@link MonitorWaitSampler#SAMPLES_PER_SECOND} times a second, is when the agent
 * looks at the states of the threads of busy monitors. JFR's periodic thread is the timer because an agent thread
 * of its own that sleeps or parks between looks would fill the recording with its {@code jdk.ThreadSleep} or
 * {@code jdk.ThreadPark} events; JFR's threads record none.
 */
@Name(MonitorWaitSampleEvent.NAME)
@Label("Monitor Wait Sample")
@Category({"Contention", "Locks"})
@Description("Timer of the contention agent's look at threads blocked on busy monitors; never written")
@StackTrace(false)
final class MonitorWaitSampleEvent extends jdk.jfr.Event {

    static final String NAME = "contention.MonitorWaitSample";

    /** The period setting that gives {@link MonitorWaitSampler#SAMPLES_PER_SECOND} looks a second. */
    static final String PERIOD = (1000 / MonitorWaitSampler.SAMPLES_PER_SECOND) + " ms";
}
