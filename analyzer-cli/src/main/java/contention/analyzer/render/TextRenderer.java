// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.render;

import contention.analyzer.aggregate.Profile;
import contention.analyzer.detect.Analysis;
import contention.analyzer.detect.Finding;
import contention.analyzer.detect.NotChecked;
import contention.analyzer.model.CallSite;
import contention.analyzer.model.CacheLine;
import contention.analyzer.model.Executor;
import contention.analyzer.model.Lock;
import contention.analyzer.model.RecordingInfo;
import contention.analyzer.model.ThreadActivity;
import contention.analyzer.read.EventNames;
import java.io.IOException;
import java.io.Writer;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report for people, read top to bottom like the JDK's {@code jfr summary}: what was recorded,
 * findings first, then locks by wait time with their worst call sites, executors with their queue waits and
 * run times, threads by time stood still, and what could not be checked.
 */
public final class TextRenderer implements Renderer {

    // How much of each table a person reads; the JSON report has the rest.
    static final int MAX_LOCKS_SHOWN = 10;
    static final int MAX_SITES_SHOWN_PER_LOCK = 3;
    static final int MAX_THREADS_SHOWN = 10;
    static final int MAX_EXECUTORS_SHOWN = 10;

    // Explanations and advice wrap here, as a terminal or a code review shows them without scrolling.
    static final int MAX_LINE_WIDTH = 100;

    private static final String INDENT = "  ";
    private static final DateTimeFormatter START_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    @Override
    public void render(Analysis analysis, Writer out) throws IOException {
        List<String> lines = new ArrayList<>();
        header(analysis.profile(), lines);
        findings(analysis.findings(), lines);
        locks(analysis.profile(), lines);
        executors(analysis.profile(), lines);
        cacheLines(analysis.profile(), lines);
        threads(analysis.profile(), lines);
        notChecked(analysis.notChecked(), lines);
        for (String line : lines) {
            out.write(line);
            out.write('\n');
        }
        out.flush();
    }

    private static void header(Profile profile, List<String> lines) {
        RecordingInfo recording = profile.recording();
        lines.add("Recording " + recording.source());
        TextTable facts = new TextTable("", "");
        recording.start().ifPresent(start -> facts.row("Start", START_TIME.format(start)));
        facts.row("Duration", Durations.human(recording.durationNanos()));
        recording.jvmDescription().ifPresent(jvm -> facts.row("JVM", jvm));
        if (recording.cpus() > 0) {
            facts.row("CPUs", Integer.toString(recording.cpus()));
        }
        facts.row("Agent", recording.agentInfo()
                .map(agent -> "contention agent " + agent.version()
                        + (agent.options().isEmpty() ? "" : " (" + agent.options() + ")"))
                .orElse("not recorded by the contention agent: only JFR's own events are here,"
                        + " so short waits may be missing"));
        if (recording.tooShortToJudge()) {
            facts.row("Note", "the recording covers only " + Durations.human(recording.durationNanos())
                    + "; too short to judge contention");
        }
        if (profile.threads().isEmpty()) {
            facts.row("Note", "the recording holds no thread activity (no waits, no CPU time); nothing to judge"
                    + " contention by");
        }
        if (!recording.agentLockClasses().isEmpty()) {
            facts.row("Note", "lock waits timed by the agent for: " + String.join(", ",
                    recording.agentLockClasses().stream().map(TextRenderer::simpleName).sorted().distinct().toList()));
        }
        Map<String, Long> thresholds = new TreeMap<>(recording.thresholdsNanos());
        thresholds.forEach((event, nanos) -> {
            if (nanos > 0) {
                facts.row("Note", event + " was recorded with a " + Durations.exact(nanos)
                        + " threshold: shorter waits are not in the recording");
            }
        });
        for (String warning : recording.warnings()) {
            facts.row("Warning", warning);
        }
        for (String line : facts.bodyLines()) {
            lines.add(INDENT + line);
        }
    }

    private static void findings(List<Finding> findings, List<String> lines) {
        lines.add("");
        lines.add("Findings");
        if (findings.isEmpty()) {
            lines.add(INDENT + "No findings.");
            return;
        }
        String detailIndent = INDENT + INDENT + INDENT;
        for (Finding finding : findings) {
            // The title stays one line: it is the sentence a person (or grep) looks for.
            lines.add(INDENT + finding.severity().label().toUpperCase(Locale.ROOT) + " " + finding.kind() + ": "
                    + finding.title());
            if (finding.explanation() != null && !finding.explanation().isEmpty()) {
                lines.addAll(wrap(finding.explanation(), detailIndent, MAX_LINE_WIDTH));
            }
            lines.addAll(wrap("Advice: " + finding.advice(), detailIndent, MAX_LINE_WIDTH));
        }
    }

    /**
     * {@code text} as lines of at most {@code width} columns, each starting with {@code indent}, broken at
     * spaces; a word longer than a line (a long frame) gets a line of its own rather than being cut.
     */
    static List<String> wrap(String text, String indent, int width) {
        List<String> wrapped = new ArrayList<>();
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            boolean empty = line.length() == indent.length();
            if (!empty && line.length() + 1 + word.length() > width) {
                wrapped.add(line.toString());
                line.setLength(0);
                line.append(indent);
                empty = true;
            }
            if (!empty) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > indent.length()) {
            wrapped.add(line.toString());
        }
        return wrapped;
    }

    private static void locks(Profile profile, List<String> lines) {
        lines.add("");
        lines.add("Locks by wait time");
        // Locks nobody waited for and that were hardly held are in the JSON; here they would only bury the rest.
        List<Lock> locks = profile.locks().stream().filter(TextRenderer::worthShowing).toList();
        if (locks.isEmpty()) {
            lines.add(INDENT + "No lock contention in the recording.");
            return;
        }
        List<Lock> shown = locks.subList(0, Math.min(MAX_LOCKS_SHOWN, locks.size()));
        TextTable table = new TextTable("Wait>", "Count>", "Threads>", "Lock");
        for (Lock lock : shown) {
            table.row(Durations.human(lock.waitNanos()), Long.toString(lock.waitCount()),
                    Integer.toString(lock.waitingThreads()), lockName(lock));
        }
        List<String> lockLines = table.lines();
        // The lock column starts where the header's "Lock" does; details and sites go under it.
        String siteIndent = " ".repeat(INDENT.length() + lockLines.get(0).indexOf("Lock") + 2);
        TextTable sites = new TextTable("Wait>", "Count>", "Site");
        for (Lock lock : shown) {
            for (CallSite site : lock.sites().subList(0, Math.min(MAX_SITES_SHOWN_PER_LOCK, lock.sites().size()))) {
                sites.row(Durations.human(site.waitNanos()), Long.toString(site.count()), "at " + site.frame());
            }
        }
        List<String> siteLines = sites.bodyLines();
        lines.add(INDENT + lockLines.get(0));
        int siteLine = 0;
        for (int i = 0; i < shown.size(); i++) {
            Lock lock = shown.get(i);
            lines.add(INDENT + lockLines.get(i + 1));
            for (String detail : details(lock)) {
                lines.add(siteIndent + detail);
            }
            int siteCount = Math.min(MAX_SITES_SHOWN_PER_LOCK, lock.sites().size());
            for (int s = 0; s < siteCount; s++) {
                lines.add(siteIndent + siteLines.get(siteLine++));
            }
        }
        if (locks.size() > shown.size()) {
            lines.add(INDENT + "... and " + more(locks.size() - shown.size(), "lock") + " (see --format json)");
        }
    }

    static final double MIN_UTILIZATION_SHOWN = 0.01;

    private static boolean worthShowing(Lock lock) {
        return lock.waitNanos() > 0 || (lock.usage() != null && lock.usage().utilization() >= MIN_UTILIZATION_SHOWN);
    }

    // The lock column: the agent's instance id, else the class (the place follows on the detail lines).
    private static String lockName(Lock lock) {
        return lock.id().fromAgent() ? lock.id().key() : lock.id().className();
    }

    // What the agent adds about a lock: where it was created (every frame it kept) and how long it was held.
    private static List<String> details(Lock lock) {
        List<String> details = new ArrayList<>();
        String created = "created at ";
        for (int f = 0; f < lock.allocationStack().size(); f++) {
            details.add((f == 0 ? created : " ".repeat(created.length())) + lock.allocationStack().get(f));
        }
        if (lock.id().isStaticSynchronized()) {
            details.add("taken by " + lock.id().field());
        } else if (lock.id().field() != null) {
            details.add("in field " + lock.id().field());
        }
        Lock.Usage usage = lock.usage();
        if (usage != null) {
            details.add(String.format(Locale.ROOT, "%shold %s (%d%% of the run), about %s", usage.fair() ? "fair; " : "",
                    Durations.human(usage.holdNanos()), Math.round(usage.utilization() * 100),
                    count(usage.acquisitions(), "acquisition")));
        }
        return details;
    }

    /*
     * One row per pool, most task time first, with where it was created, where most of its tasks came from and
     * how long its workers blocked on other tasks under its name. Shown only for recordings with the agent's
     * executor statistics: without them there is nothing to say, and "not checked" says why.
     */
    private static void cacheLines(Profile profile, List<String> lines) {
        List<CacheLine> cacheLines = profile.cacheLines();
        if (cacheLines.isEmpty() && !profile.recording().has(EventNames.CACHE_LINE_STATS)) {
            return;
        }
        lines.add("");
        lines.add("Cache lines written by several threads");
        if (cacheLines.isEmpty()) {
            lines.add(INDENT + "No member of an object or array was seen written by two threads on one cache line.");
            return;
        }
        TextTable table = new TextTable("Moves/s>", "Writes/s>", "Apart>", "Threads>", "Members");
        for (CacheLine line : cacheLines.subList(0, Math.min(MAX_CACHE_LINES_SHOWN, cacheLines.size()))) {
            table.row(String.format(Locale.ROOT, "%.0f", line.interleavingsPerSecond()),
                    String.format(Locale.ROOT, "%.0f", line.writesPerSecond(line.sampledWritesA() + line.sampledWritesB())),
                    line.trueSharing() ? "-" : line.distanceBytes() + " B",
                    Integer.toString(line.trueSharing() ? line.threadsA() : line.threadsA() + line.threadsB()),
                    line.trueSharing() ? line.nameA() + " (one member, shared: true sharing)"
                            : line.nameA() + " and " + line.nameB());
        }
        for (String line : table.lines()) {
            lines.add(INDENT + line);
        }
    }

    // Pairs listed; the findings name the ones that cost.
    private static final int MAX_CACHE_LINES_SHOWN = 10;

    private static void executors(Profile profile, List<String> lines) {
        List<Executor> executors = profile.executors();
        if (executors.isEmpty() && !profile.recording().has(EventNames.EXECUTOR_STATS)) {
            return;
        }
        lines.add("");
        lines.add("Executors");
        if (executors.isEmpty()) {
            lines.add(INDENT + "No executor ran tasks in the recording.");
            return;
        }
        List<Executor> shown = executors.subList(0, Math.min(MAX_EXECUTORS_SHOWN, executors.size()));
        TextTable table = new TextTable("Threads>", "Tasks>", "Queue p50>", "p99>", "max>", "Run p50>", "p99>",
                "Parallelism>", "Rejected>", "Pool");
        for (Executor executor : shown) {
            Executor.Latency queue = executor.queueWait();
            Executor.Latency run = executor.runTime();
            table.row(threads(executor), Long.toString(executor.completed()),
                    queue.isEmpty() ? "-" : Durations.human(queue.p50Nanos()),
                    queue.isEmpty() ? "-" : Durations.human(queue.p99Nanos()),
                    queue.isEmpty() ? "-" : Durations.human(queue.maxNanos()),
                    run.isEmpty() ? "-" : Durations.human(run.p50Nanos()),
                    run.isEmpty() ? "-" : Durations.human(run.p99Nanos()),
                    String.format(Locale.ROOT, "%.2f", executor.effectiveParallelism()),
                    Long.toString(executor.rejected()),
                    executor.name() + " (" + simpleName(executor.className()) + ")");
        }
        List<String> tableLines = table.lines();
        String detailIndent = " ".repeat(INDENT.length() + tableLines.get(0).indexOf("Pool") + 2);
        lines.add(INDENT + tableLines.get(0));
        for (int i = 0; i < shown.size(); i++) {
            lines.add(INDENT + tableLines.get(i + 1));
            for (String detail : details(shown.get(i))) {
                lines.add(detailIndent + detail);
            }
        }
        if (executors.size() > shown.size()) {
            lines.add(INDENT + "... and " + more(executors.size() - shown.size(), "executor") + " (see --format json)");
        }
    }

    // Threads alive at most, and the limit when it differs ("4", "2 of 8", "12").
    private static String threads(Executor executor) {
        int largest = executor.largestPoolSize();
        if (executor.bounded() && largest > 0 && largest != executor.threadLimit()) {
            return largest + " of " + executor.threadLimit();
        }
        return Integer.toString(executor.threads());
    }

    private static List<String> details(Executor executor) {
        List<String> details = new ArrayList<>();
        if (executor.creationSite() != null) {
            details.add("created at " + executor.creationSite());
        }
        Executor.SubmitSite submit = executor.mainSubmitSite();
        if (submit != null) {
            long submits = executor.submitSites().stream().mapToLong(Executor.SubmitSite::count).sum();
            details.add(String.format(Locale.ROOT, "submitted at %s (%d%% of sampled submits)", submit.frame(),
                    Math.round(100.0 * submit.count() / submits)));
        }
        if (executor.maxQueueDepth() > 0) {
            details.add("queue up to " + count(executor.maxQueueDepth(), "task"));
        }
        if (executor.callerRuns() > 0) {
            details.add(count(executor.callerRuns(), "task") + " ran on the submitting thread when the pool was full"
                    + " (CallerRunsPolicy: back-pressure, not rejected)");
        }
        if (executor.blockedNanos() > 0) {
            long waits = executor.blockedWaits().stream().mapToLong(Executor.BlockedWait::count).sum();
            String where = executor.blockedSites().isEmpty() ? "" : ", most at " + executor.blockedSites().get(0).frame();
            details.add("workers blocked " + Durations.human(executor.blockedNanos()) + " waiting for other tasks ("
                    + count(waits, "wait") + ")" + where);
        }
        return details;
    }

    private static void threads(Profile profile, List<String> lines) {
        lines.add("");
        lines.add("Threads by time blocked and waiting");
        List<ThreadActivity> threads = profile.threads();
        if (threads.isEmpty()) {
            lines.add(INDENT + "No thread activity in the recording.");
            return;
        }
        // Threads that never blocked or waited (JIT compilers, GC, busy workers) are in the JSON report only.
        List<ThreadActivity> stalled = threads.stream().filter(thread -> thread.stalledNanos() > 0).toList();
        List<ThreadActivity> shown = stalled.subList(0, Math.min(MAX_THREADS_SHOWN, stalled.size()));
        if (shown.isEmpty()) {
            lines.add(INDENT + "No thread blocked or waited.");
        } else {
            boolean running = profile.recording().has(EventNames.THREAD_CPU_LOAD);
            TextTable table = new TextTable("Blocked>", "Waiting>", "Running>", "Thread");
            for (ThreadActivity thread : shown) {
                table.row(Durations.human(thread.blockedNanos()), Durations.human(thread.waitingNanos()),
                        running ? Durations.human(thread.runningNanos()) : "-",
                        thread.name() + (thread.virtual() ? " (virtual)" : ""));
            }
            for (String line : table.lines()) {
                lines.add(INDENT + line);
            }
        }
        if (stalled.size() > shown.size()) {
            lines.add(INDENT + "... and " + more(stalled.size() - shown.size(), "thread") + " (see --format json)");
        }
        int quiet = threads.size() - stalled.size();
        if (quiet > 0) {
            lines.add(INDENT + more(quiet, "thread") + " with no waits (see --format json)");
        }
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static void notChecked(List<NotChecked> notChecked, List<String> lines) {
        if (notChecked.isEmpty()) {
            return;
        }
        lines.add("");
        for (NotChecked check : notChecked) {
            lines.add("not checked: " + check.kind() + " (needs " + String.join(", ", check.missingEvents())
                    + (check.missingEvents().contains(EventNames.CACHE_LINE_STATS)
                            ? "; record with the agent option false-sharing=on" : "")
                    + (check.missingEvents().contains(EventNames.DEADLOCK_CHECK)
                            ? "; recorded by the agent, which checks once a second" : "")
                    + ")");
        }
    }

    private static String count(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static String more(int count, String noun) {
        return count + " more " + noun + (count == 1 ? "" : "s");
    }
}
