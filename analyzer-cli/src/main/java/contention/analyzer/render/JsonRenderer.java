// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.render;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import contention.analyzer.aggregate.Profile;
import contention.analyzer.detect.Analysis;
import contention.analyzer.detect.Finding;
import contention.analyzer.model.CallSite;
import contention.analyzer.model.CacheLine;
import contention.analyzer.model.Executor;
import contention.analyzer.model.Lock;
import contention.analyzer.model.LockId;
import contention.analyzer.model.LockWindow;
import contention.analyzer.model.PoolRef;
import contention.analyzer.model.RecordingInfo;
import contention.analyzer.model.ThreadActivity;
import contention.analyzer.read.EventNames;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * The report as JSON, exactly as the report contract (schemaVersion 1) describes it: fields in the
 * contract's order, times in milliseconds, unknown or unused fields left out rather than null.
 */
public final class JsonRenderer implements Renderer {

    /** The contract version this renderer writes. */
    public static final int SCHEMA_VERSION = 1;

    // Pure ASCII output stays valid JSON whatever the terminal's or file's charset.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    @Override
    public void render(Analysis analysis, Writer out) throws IOException {
        MAPPER.writeValue(out, toJson(analysis));
        out.write('\n');
        out.flush();
    }

    /** The report as a JSON tree, for callers that embed or compare it. */
    public ObjectNode toJson(Analysis analysis) {
        Profile profile = analysis.profile();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.set("recording", recording(profile.recording()));
        ArrayNode findings = root.putArray("findings");
        for (Finding finding : analysis.findings()) {
            findings.add(finding(finding));
        }
        ArrayNode locks = root.putArray("locks");
        for (Lock lock : profile.locks()) {
            locks.add(lock(lock));
        }
        ArrayNode executors = root.putArray("executors");
        for (Executor executor : profile.executors()) {
            executors.add(executor(executor));
        }
        if (!profile.cacheLines().isEmpty() || profile.recording().has(EventNames.CACHE_LINE_STATS)) {
            // Beyond the contract: members written by different threads on one cache line, and shared ones.
            ArrayNode cacheLines = root.putArray("cacheLines");
            for (CacheLine line : profile.cacheLines()) {
                cacheLines.add(cacheLine(line));
            }
        }
        ArrayNode threads = root.putArray("threads");
        boolean running = profile.recording().has(EventNames.THREAD_CPU_LOAD);
        for (ThreadActivity thread : profile.threads()) {
            threads.add(thread(thread, running));
        }
        return root;
    }

    private static ObjectNode recording(RecordingInfo recording) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("source", recording.source());
        recording.start().ifPresent(start -> node.put("startTime", start.toString()));
        node.put("durationMs", Durations.millis(recording.durationNanos()));
        recording.jvmDescription().ifPresent(jvm -> node.put("jvm", jvm));
        if (recording.cpus() > 0) {
            node.put("cpus", recording.cpus());
        }
        return node;
    }

    private static ObjectNode finding(Finding finding) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("kind", finding.kind().label());
        node.put("severity", finding.severity().label());
        node.put("title", finding.title());
        if (finding.explanation() != null && !finding.explanation().isEmpty()) {
            node.put("explanation", finding.explanation());
        }
        if (finding.lock() != null) {
            node.set("lock", lockRef(finding.lock()));
        }
        if (!finding.sites().isEmpty()) {
            node.set("sites", sites(finding.sites()));
        }
        if (!finding.threads().isEmpty()) {
            ArrayNode threads = node.putArray("threads");
            finding.threads().forEach(threads::add);
        }
        if (finding.pool() != null) {
            node.set("pool", poolRef(finding.pool()));
        }
        if (finding.phase() != null) {
            // Beyond the contract: the stretch of the recording the finding is about.
            ObjectNode phase = node.putObject("phase");
            phase.put("startMs", Durations.millis(finding.phase().startNanos()));
            phase.put("durationMs", Durations.millis(finding.phase().durationNanos()));
        }
        if (!finding.metrics().isEmpty()) {
            ObjectNode metrics = node.putObject("metrics");
            for (Map.Entry<String, Double> metric : finding.metrics().entrySet()) {
                metrics.put(metric.getKey(), round(metric.getValue()));
            }
        }
        if (!finding.fields().isEmpty()) {
            ArrayNode fields = node.putArray("fields");
            finding.fields().forEach(fields::add);
        }
        node.put("advice", finding.advice());
        return node;
    }

    private static ObjectNode cacheLine(CacheLine line) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("kind", line.kind());
        node.put("class", line.ownerClass());
        node.put("memberA", line.nameA());
        node.put("memberB", line.nameB());
        node.put("offsetA", line.offsetA());
        node.put("offsetB", line.offsetB());
        node.put("distanceBytes", line.distanceBytes());
        node.put("trueSharing", line.trueSharing());
        if (!line.siteA().isEmpty()) {
            node.put("siteA", line.siteA());
        }
        if (!line.siteB().isEmpty()) {
            node.put("siteB", line.siteB());
        }
        node.put("threadsA", line.threadsA());
        node.put("threadsB", line.threadsB());
        ArrayNode names = node.putArray("threads");
        line.threadNames().forEach(names::add);
        node.put("writesPerSecondA", round(line.writesPerSecond(line.sampledWritesA())));
        node.put("writesPerSecondB", round(line.writesPerSecond(line.sampledWritesB())));
        node.put("readsPerSecondA", round(line.writesPerSecond(line.sampledReadsA())));
        node.put("readsPerSecondB", round(line.writesPerSecond(line.sampledReadsB())));
        node.put("interleavedWritesPerSecond", round(line.interleavingsPerSecond()));
        node.put("sampledMs", Durations.millis(line.sampledNanos()));
        return node;
    }

    private static ObjectNode lockRef(LockId lock) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("class", lock.className());
        if (lock.allocationSite() != null) {
            node.put("allocationSite", lock.allocationSite());
        }
        if (lock.field() != null) {
            node.put("field", lock.field());
        }
        // Beyond the contract's lockRef: the id of the same lock in "locks", which tells two instances apart.
        node.put("id", lock.key());
        return node;
    }

    private static ObjectNode poolRef(PoolRef pool) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", pool.name());
        if (pool.className() != null) {
            node.put("class", pool.className());
        }
        if (pool.submitSite() != null) {
            node.put("submitSite", pool.submitSite());
        }
        return node;
    }

    private static ObjectNode executor(Executor executor) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", executor.name());
        node.put("class", executor.className());
        // The contract's "threads": the most worker threads the pool had; its limit when it never reported any.
        node.put("threads", executor.threads());
        node.put("tasks", executor.completed());
        if (!executor.queueWait().isEmpty()) {
            node.set("queueWaitMs", percentiles(executor.queueWait()));
        }
        if (!executor.runTime().isEmpty()) {
            node.set("runTimeMs", percentiles(executor.runTime()));
        }
        node.put("effectiveParallelism", round(executor.effectiveParallelism()));
        node.put("rejected", executor.rejected());
        // Beyond the contract: the agent's id, sizes, submits, queue, and where it was created and fed.
        node.put("id", executor.id());
        if (executor.coreThreads() >= 0) {
            node.put("coreThreads", executor.coreThreads());
        }
        if (executor.maxThreads() > 0 && executor.maxThreads() < Integer.MAX_VALUE) {
            node.put("maxThreads", executor.maxThreads());
        }
        node.put("submitted", executor.submitted());
        node.put("callerRuns", executor.callerRuns());
        node.put("maxQueueDepth", executor.maxQueueDepth());
        if (executor.creationSite() != null) {
            node.put("creationSite", executor.creationSite());
        }
        if (!executor.submitSites().isEmpty()) {
            ArrayNode sites = node.putArray("submitSites");
            for (Executor.SubmitSite site : executor.submitSites()) {
                sites.addObject().put("frame", site.frame()).put("count", site.count());
            }
        }
        if (executor.blockedNanos() > 0) {
            node.put("blockedMs", Durations.millis(executor.blockedNanos()));
        }
        return node;
    }

    private static ObjectNode percentiles(Executor.Latency latency) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("p50", Durations.millis(latency.p50Nanos()));
        node.put("p99", Durations.millis(latency.p99Nanos()));
        node.put("max", Durations.millis(latency.maxNanos()));
        return node;
    }

    private static ObjectNode lock(Lock lock) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", lock.id().key());
        node.put("class", lock.className());
        if (lock.id().allocationSite() != null) {
            node.put("allocationSite", lock.id().allocationSite());
        }
        if (lock.id().field() != null) {
            node.put("field", lock.id().field());
        }
        node.put("waitTimeMs", Durations.millis(lock.waitNanos()));
        node.put("waitCount", lock.waitCount());
        Lock.Usage usage = lock.usage();
        if (usage != null) {
            // "acquisitions" is beyond the contract: the agent's estimate, contended or not.
            node.put("acquisitions", usage.acquisitions());
            node.put("holdTimeMs", Durations.millis(usage.holdNanos()));
            node.put("utilization", round(usage.utilization()));
        }
        node.put("threads", lock.waitingThreads());
        node.set("sites", sites(lock.sites()));
        if (!lock.timeline().isEmpty()) {
            // Beyond the contract: the lock by window of about a second, for timelines and phase verdicts.
            ArrayNode timeline = node.putArray("timeline");
            for (LockWindow window : lock.timeline()) {
                ObjectNode w = timeline.addObject();
                w.put("startMs", Durations.millis(window.startNanos()));
                w.put("durationMs", Durations.millis(window.durationNanos()));
                w.put("waitTimeMs", Durations.millis(window.waitNanos()));
                if (window.holdKnown()) {
                    w.put("holdTimeMs", Durations.millis(window.holdNanos()));
                }
                w.put("threads", window.threads());
                if (window.samples() > 0) {
                    w.put("samples", window.samples());
                    w.put("samplesInside", window.samplesInside());
                }
            }
        }
        return node;
    }

    private static ArrayNode sites(List<CallSite> sites) {
        ArrayNode array = MAPPER.createArrayNode();
        for (CallSite site : sites) {
            ObjectNode node = array.addObject();
            node.put("frame", site.frame());
            node.put("waitTimeMs", Durations.millis(site.waitNanos()));
            node.put("count", site.count());
            ArrayNode stack = node.putArray("stack");
            site.stack().forEach(stack::add);
        }
        return array;
    }

    private static ObjectNode thread(ThreadActivity thread, boolean running) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", thread.name());
        node.put("virtual", thread.virtual());
        node.put("blockedMs", Durations.millis(thread.blockedNanos()));
        node.put("waitingMs", Durations.millis(thread.waitingNanos()));
        if (running) {
            node.put("runningMs", Durations.millis(thread.runningNanos()));
        }
        return node;
    }

    // Ratios to four decimals: enough to compare runs, short enough to read.
    private static double round(double value) {
        return Math.round(value * 10_000.0) / 10_000.0;
    }
}
