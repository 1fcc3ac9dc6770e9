// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.command;

import contention.analyzer.aggregate.Profile;
import contention.analyzer.detect.Analysis;
import contention.analyzer.detect.Detectors;
import contention.analyzer.detect.Finding;
import contention.analyzer.detect.FindingKind;
import contention.analyzer.model.Executor;
import contention.analyzer.model.Lock;
import contention.analyzer.model.ThreadActivity;
import contention.analyzer.read.RecordingReader;
import contention.analyzer.read.UnreadableRecordingException;
import contention.analyzer.render.Durations;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code contention check}: a health verdict for a CI job or a probe, from a recording or a short recording of a
 * running JVM, against thresholds. Exit 0 healthy, 1 unhealthy (each reason a line), 2 could not check.
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = ContentionCli.Version.class,
        description = {
            "Checks a recording, or a running JVM (recorded for --duration), against thresholds: exit 0 healthy, 1"
                    + " unhealthy (with the reasons), 2 could not check. Usable as a CI gate or a health probe.",
        },
        footer = {
            "",
            "Examples:",
            "  bin/contention check app.jfr",
            "  bin/contention check app.jfr --max-lock-wait-ratio 0.2 --max-queue-wait-p99 50ms",
            "  bin/contention check --pid 12345 -d 10s",
        })
public final class CheckCommand implements Callable<Integer> {

    /** Healthy: every threshold holds. */
    public static final int EXIT_HEALTHY = 0;

    /** Unhealthy: a threshold does not hold. */
    public static final int EXIT_UNHEALTHY = 1;

    /** The check could not be made: bad file, unreachable JVM, wrong arguments. */
    public static final int EXIT_NOT_CHECKED = 2;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE.jfr", description = "The recording to check.")
    private String recording;

    @picocli.CommandLine.Mixin
    private TargetOptions target;

    @Option(names = {"-d", "--duration"}, paramLabel = "DURATION", defaultValue = "10s",
            description = "With --pid or --jmx: how long to record (default ${DEFAULT-VALUE}).")
    private String duration;

    @Option(names = "--max-global-locks", paramLabel = "N", defaultValue = "0",
            description = "Most global-lock findings allowed (default ${DEFAULT-VALUE}).")
    private int maxGlobalLocks;

    @Option(names = "--max-deadlocks", paramLabel = "N", defaultValue = "0",
            description = "Most deadlocks allowed (default ${DEFAULT-VALUE}).")
    private int maxDeadlocks;

    @Option(names = "--max-lock-wait-ratio", paramLabel = "RATIO",
            description = "Most of their time the threads that wait for locks may spend waiting, 0 to 1 (default:"
                    + " not checked).")
    private Double maxLockWaitRatio;

    @Option(names = "--max-queue-wait-p99", paramLabel = "DURATION",
            description = "Longest p99 queue wait allowed in any pool, e.g. 50ms (default: not checked).")
    private String maxQueueWaitP99;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Profile profile = profile(err);
            Analysis analysis = Detectors.analyze(profile);
            for (contention.analyzer.detect.NotChecked missing : analysis.notChecked()) {
                if (missing.kind() == FindingKind.GLOBAL_LOCK || missing.kind() == FindingKind.DEADLOCK) {
                    throw new UserDataException(missing.kind() + " needs " + String.join(", ",
                            missing.missingEvents()) + ", which the agent records; this recording has none");
                }
            }
            List<String> reasons = reasons(analysis, profile);
            if (reasons.isEmpty()) {
                out.println("healthy: " + profile.recording().source() + " (" + summary() + ")");
                out.flush();
                return EXIT_HEALTHY;
            }
            for (String reason : reasons) {
                out.println("unhealthy: " + reason);
            }
            out.flush();
            return EXIT_UNHEALTHY;
        } catch (UserDataException e) {
            err.println(spec.qualifiedName() + ": could not check: " + e.getMessage());
            return EXIT_NOT_CHECKED;
        } catch (CommandLine.ParameterException e) {
            throw e;
        } catch (Exception e) {
            err.println(spec.qualifiedName() + ": could not check: " + e);
            return EXIT_NOT_CHECKED;
        }
    }

    private Profile profile(PrintWriter err) throws Exception {
        if ((recording == null) == !target.given()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give a recording FILE.jfr, or --pid PID or --jmx HOST:PORT to record one");
        }
        Path file;
        Path scratch = null;
        if (recording != null) {
            file = Path.of(recording);
        } else {
            scratch = Files.createTempDirectory("contention-check-");
            file = scratch.resolve("check.jfr");
            List<String> args = new ArrayList<>(List.of(target.pid != null ? "--pid" : "--jmx",
                    target.pid != null ? Long.toString(target.pid) : target.jmx, "-d", duration, "-o",
                    file.toString(), "--no-report"));
            args.add(0, "record");
            java.io.ByteArrayOutputStream recorded = new java.io.ByteArrayOutputStream();
            java.io.PrintStream sink = new java.io.PrintStream(recorded, true, java.nio.charset.StandardCharsets.UTF_8);
            int code = ContentionCli.run(args.toArray(new String[0]), sink, sink);
            if (code != 0) {
                String why = recorded.toString(java.nio.charset.StandardCharsets.UTF_8).strip();
                throw new UserDataException(why.substring(why.lastIndexOf('\n') + 1).replace("contention record: ", ""));
            }
        }
        try {
            return RecordingReader.read(file, recording != null ? recording : target.describe());
        } catch (UnreadableRecordingException e) {
            throw new UserDataException(e.getMessage());
        } finally {
            if (scratch != null) {
                Files.deleteIfExists(file);
                Files.deleteIfExists(scratch);
            }
        }
    }

    List<String> reasons(Analysis analysis, Profile profile) {
        List<String> reasons = new ArrayList<>();
        List<Finding> globalLocks = analysis.findings().stream().filter(f -> f.kind() == FindingKind.GLOBAL_LOCK)
                .toList();
        if (globalLocks.size() > maxGlobalLocks) {
            for (Finding f : globalLocks) {
                reasons.add("global lock (more than " + maxGlobalLocks + " allowed): " + f.title());
            }
        }
        List<Finding> deadlocks = analysis.findings().stream().filter(f -> f.kind() == FindingKind.DEADLOCK)
                .toList();
        if (deadlocks.size() > maxDeadlocks) {
            for (Finding f : deadlocks) {
                reasons.add("deadlock (more than " + maxDeadlocks + " allowed): " + f.title());
            }
        }
        if (maxLockWaitRatio != null) {
            double ratio = lockWaitRatio(profile);
            if (ratio > maxLockWaitRatio) {
                reasons.add(String.format(Locale.ROOT, "lock wait ratio %.2f above %.2f: the threads that wait for"
                        + " locks spent %.0f%% of their time waiting", ratio, maxLockWaitRatio, ratio * 100));
            }
        }
        if (maxQueueWaitP99 != null) {
            long limit = RecordCommand.parseDuration(maxQueueWaitP99).toNanos();
            for (Executor pool : profile.executors()) {
                if (pool.queueWait().count() > 0 && pool.queueWait().p99Nanos() > limit) {
                    reasons.add("pool " + pool.name() + ": queue wait p99 " + Durations.human(pool.queueWait().p99Nanos())
                            + " above " + Durations.human(limit));
                }
            }
        }
        return reasons;
    }

    /** Lock wait of all locks over the lifetime of the threads that waited for one. */
    static double lockWaitRatio(Profile profile) {
        long wait = 0;
        Set<Long> waiters = new HashSet<>();
        for (Lock lock : profile.locks()) {
            wait += lock.waitNanos();
            lock.waiters().forEach(w -> waiters.add(w.threadId()));
        }
        long alive = 0;
        for (ThreadActivity thread : profile.threads()) {
            if (waiters.contains(thread.id())) {
                alive += thread.aliveNanos();
            }
        }
        return alive == 0 ? 0 : Math.min(1, (double) wait / alive);
    }

    private String summary() {
        List<String> checked = new ArrayList<>();
        checked.add("global locks <= " + maxGlobalLocks);
        checked.add("deadlocks <= " + maxDeadlocks);
        if (maxLockWaitRatio != null) {
            checked.add("lock wait ratio <= " + maxLockWaitRatio);
        }
        if (maxQueueWaitP99 != null) {
            checked.add("queue wait p99 <= " + maxQueueWaitP99);
        }
        return String.join(", ", checked);
    }
}
