// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.model;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Facts about one recording as a whole: where it came from, when and how long it ran, on which JVM, and
 * which event types it holds.
 *
 * @param source the file name as the user gave it
 * @param startTime the earliest event start, or {@code null} when the recording held no events
 * @param durationNanos latest event end minus earliest event start
 * @param jvm JVM name and version from {@code jdk.JVMInformation}, or {@code null}
 * @param cpus hardware threads from {@code jdk.CPUInformation}, or 0 when unknown
 * @param agent the contention agent's own description, or {@code null} when another tool made the recording
 * @param eventTypes names of the event types that were enabled or occurred in the recording
 * @param thresholdsNanos the smallest threshold each enabled event type was recorded with, by event name
 * @param warnings problems met while reading, one sentence each (a truncated file, say)
 * @param agentLockClasses the lock classes whose waits the agent timed itself ({@code contention.LockStats} or
 *     {@code contention.LockWait} events), e.g. {@code java.util.concurrent.locks.ReentrantLock}; sorted
 */
public record RecordingInfo(
        String source,
        Instant startTime,
        long durationNanos,
        String jvm,
        int cpus,
        AgentInfo agent,
        Set<String> eventTypes,
        Map<String, Long> thresholdsNanos,
        List<String> warnings,
        SortedSet<String> agentLockClasses) {

    /*
     * JFR's periodic events (CPU load per thread, the agent's lock statistics) come about once a second, and
     * a pool needs some rounds of work before its waits say anything: below a second of events there is
     * too little to tell a contended program from a quiet one.
     */
    static final long MIN_JUDGED_DURATION_NANOS = 1_000_000_000L /* 1 s */;

    public RecordingInfo {
        Objects.requireNonNull(source, "source");
        eventTypes = Set.copyOf(eventTypes);
        thresholdsNanos = Map.copyOf(thresholdsNanos);
        warnings = List.copyOf(warnings);
        agentLockClasses = Collections.unmodifiableSortedSet(new TreeSet<>(agentLockClasses));
    }

    /** Facts about a recording in which the agent timed no lock waits itself. */
    public RecordingInfo(String source, Instant startTime, long durationNanos, String jvm, int cpus, AgentInfo agent,
            Set<String> eventTypes, Map<String, Long> thresholdsNanos, List<String> warnings) {
        this(source, startTime, durationNanos, jvm, cpus, agent, eventTypes, thresholdsNanos, warnings,
                new TreeSet<>());
    }

    /** Whether its events span less than a second: too short to judge contention. */
    public boolean tooShortToJudge() {
        return durationNanos < MIN_JUDGED_DURATION_NANOS;
    }

    /** The start time, empty for a recording without events. */
    public Optional<Instant> start() {
        return Optional.ofNullable(startTime);
    }

    /** The JVM description, empty when the recording did not include {@code jdk.JVMInformation}. */
    public Optional<String> jvmDescription() {
        return Optional.ofNullable(jvm);
    }

    /** The contention agent's description, empty when the agent did not make this recording. */
    public Optional<AgentInfo> agentInfo() {
        return Optional.ofNullable(agent);
    }

    /** Whether events of this type were enabled or present. */
    public boolean has(String eventType) {
        return eventTypes.contains(eventType);
    }
}
