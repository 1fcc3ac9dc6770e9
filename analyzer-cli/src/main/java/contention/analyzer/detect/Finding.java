// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.detect;

import contention.analyzer.model.CallSite;
import contention.analyzer.model.LockId;
import contention.analyzer.model.PoolRef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One problem a detector found: a title a person reads first, an explanation, advice naming the fix, and
 * the evidence (lock, call sites, threads, metrics); parts a kind does not use are {@code null} or empty
 * and left out of reports.
 *
 * @param kind what was found
 * @param severity how urgent it is
 * @param title one sentence naming the lock's class, its field or allocation site when known, and the worst
 *     call site
 * @param explanation why this is a problem, in a sentence or two
 * @param advice what to change, naming the lock, where it is, and the fixed pattern
 * @param lock the lock concerned, with its allocation site and field when known, or {@code null}
 * @param sites the worst call sites, worst first
 * @param threads the threads concerned, most affected first
 * @param metrics named numbers behind the verdict, in a stable order (ratios 0..1, counts)
 * @param pool the executor concerned, with its class and main submit site, or {@code null}
 * @param phase the stretch of the recording the finding is about, or {@code null} for the whole recording
 * @param fields the fields or array slots concerned ({@code com.acme.Stats.hits}), for false sharing
 */
public record Finding(
        FindingKind kind,
        Severity severity,
        String title,
        String explanation,
        String advice,
        LockId lock,
        List<CallSite> sites,
        List<String> threads,
        Map<String, Double> metrics,
        PoolRef pool,
        Phase phase,
        List<String> fields) {

    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(advice, "advice");
        sites = List.copyOf(sites);
        threads = List.copyOf(threads);
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        fields = List.copyOf(fields);
    }

    /** A finding about no fields. */
    public Finding(FindingKind kind, Severity severity, String title, String explanation, String advice, LockId lock,
            List<CallSite> sites, List<String> threads, Map<String, Double> metrics, PoolRef pool, Phase phase) {
        this(kind, severity, title, explanation, advice, lock, sites, threads, metrics, pool, phase, List.of());
    }

    /**
     * A stretch of the recording.
     *
     * @param startNanos when it begins, after the recording's start
     * @param durationNanos how long it lasts
     */
    public record Phase(long startNanos, long durationNanos) {}

    /** A finding about the whole recording. */
    public Finding(FindingKind kind, Severity severity, String title, String explanation, String advice, LockId lock,
            List<CallSite> sites, List<String> threads, Map<String, Double> metrics, PoolRef pool) {
        this(kind, severity, title, explanation, advice, lock, sites, threads, metrics, pool, null, List.of());
    }

    /** A finding about no executor. */
    public Finding(FindingKind kind, Severity severity, String title, String explanation, String advice, LockId lock,
            List<CallSite> sites, List<String> threads, Map<String, Double> metrics) {
        this(kind, severity, title, explanation, advice, lock, sites, threads, metrics, null, null, List.of());
    }
}
