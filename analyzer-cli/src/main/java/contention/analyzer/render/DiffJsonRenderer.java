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
import contention.analyzer.detect.Finding;
import contention.analyzer.diff.ReportDiff;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** A before/after diff as JSON, times in milliseconds like the report; absent sides left out, not null. */
public final class DiffJsonRenderer {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    /** Writes {@code diff}, with the regressions beyond {@code percent} when it is not null; does not close. */
    public void render(ReportDiff diff, Double percent, Writer out) throws IOException {
        MAPPER.writeValue(out, toJson(diff, percent));
        out.write('\n');
        out.flush();
    }

    /** The diff as a JSON tree, for the HTML page. */
    public ObjectNode toJson(ReportDiff diff, Double percent) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("waitTimeMsBefore", Durations.millis(diff.waitBeforeNanos()));
        root.put("waitTimeMsAfter", Durations.millis(diff.waitAfterNanos()));
        root.set("goneFindings", findings(diff.goneFindings()));
        root.set("newFindings", findings(diff.newFindings()));
        root.set("locks", changes(diff.locks()));
        root.set("sites", changes(diff.sites()));
        ArrayNode pools = root.putArray("pools");
        for (ReportDiff.PoolChange pool : diff.pools()) {
            ObjectNode node = pools.addObject().put("name", pool.name());
            if (pool.queueP99BeforeNanos() >= 0) {
                node.put("queueWaitP99MsBefore", Durations.millis(pool.queueP99BeforeNanos()));
                node.put("effectiveParallelismBefore", round(pool.parallelismBefore()));
            }
            if (pool.queueP99AfterNanos() >= 0) {
                node.put("queueWaitP99MsAfter", Durations.millis(pool.queueP99AfterNanos()));
                node.put("effectiveParallelismAfter", round(pool.parallelismAfter()));
            }
        }
        if (percent != null) {
            ArrayNode regressions = root.putArray("regressions");
            diff.regressions(percent).forEach(regressions::add);
        }
        return root;
    }

    private static ArrayNode findings(List<Finding> findings) {
        ArrayNode array = MAPPER.createArrayNode();
        for (Finding finding : findings) {
            array.addObject().put("kind", finding.kind().label()).put("severity", finding.severity().label())
                    .put("title", finding.title());
        }
        return array;
    }

    private static ArrayNode changes(List<ReportDiff.Change> changes) {
        ArrayNode array = MAPPER.createArrayNode();
        for (ReportDiff.Change change : changes) {
            ObjectNode node = array.addObject().put("name", change.name())
                    .put("waitTimeMsBefore", Durations.millis(change.waitBeforeNanos()))
                    .put("waitTimeMsAfter", Durations.millis(change.waitAfterNanos()));
            if (change.utilizationBefore() >= 0) {
                node.put("utilizationBefore", round(change.utilizationBefore()));
            }
            if (change.utilizationAfter() >= 0) {
                node.put("utilizationAfter", round(change.utilizationAfter()));
            }
        }
        return array;
    }

    private static double round(double value) {
        return Math.round(value * 10_000.0) / 10_000.0;
    }
}
