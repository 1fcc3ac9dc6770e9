// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * One way of starting the JVM under test: the JVM options that attach a profiler, or none for the baseline.
 * Recordings go to a scratch directory; a later run of the same variant overwrites the last one.
 *
 * @param label the column heading, e.g. {@code contention agent}
 * @param jvmArgs appended to the JVM's command line
 */
record Variant(String label, List<String> jvmArgs) {

    static Variant baseline() {
        return new Variant("no agent", List.of());
    }

    /** The agent with its defaults, or with {@code moreOptions} (e.g. {@code locks=false}) after the file. */
    static Variant contentionAgent(Path agentJar, String moreOptions, Path scratch) {
        String options = "file=" + scratch.resolve("contention-agent.jfr")
                + (moreOptions.isEmpty() ? "" : "," + moreOptions);
        return new Variant(moreOptions.isEmpty() ? "contention agent" : "agent " + moreOptions,
                List.of("-javaagent:" + agentJar + "=" + options));
    }

    /**
     * async-profiler's lock mode with its default threshold, started with the JVM and written as JFR on exit, as
     * its docs launch it: {@code -agentpath:libasyncProfiler.so=start,event=lock,file=out.jfr}.
     */
    static Variant asyncProfilerLock(Path library, Path scratch) {
        return new Variant("async-profiler lock",
                List.of("-agentpath:" + library + "=start,event=lock,file=" + scratch.resolve("async-profiler.jfr")));
    }
}
