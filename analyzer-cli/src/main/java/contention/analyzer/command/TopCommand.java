// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.command;

import contention.analyzer.live.LiveException;
import contention.analyzer.live.TargetJvm;
import contention.analyzer.live.TopWindow;
import contention.analyzer.render.TopText;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import jdk.management.jfr.RemoteRecordingStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code contention top --pid N}: a live view of a running JVM, refreshed every second, fed by JFR event streaming
 * over JMX ({@code RemoteRecordingStream}): locks by wait, the agent's global-lock warnings as a banner, pools with
 * their queue wait, threads by state. {@code q} quits; {@code --once} and {@code --iterations} print plain screens
 * for scripts.
 */
@Command(
        name = "top",
        mixinStandardHelpOptions = true,
        versionProvider = ContentionCli.Version.class,
        description = {
            "Shows a running JVM's contention live, refreshed every interval: locks by wait, global-lock warnings,"
                    + " pools with queue wait, threads by state. Press q to quit. Pools and warnings need the agent"
                    + " in the target (-javaagent, or contention record --pid, which loads it).",
        },
        footer = {"", "Examples:", "  bin/contention top --pid 12345", "  bin/contention top --pid 12345 --once",
            "  bin/contention top --jmx app-host:9010"})
public final class TopCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @picocli.CommandLine.Mixin
    private TargetOptions target;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s",
            description = "Time between screens (default ${DEFAULT-VALUE}).")
    private String interval;

    @Option(names = "--once", description = "Print one screen, after one interval, and exit.")
    private boolean once;

    @Option(names = {"-n", "--iterations"}, paramLabel = "N", description = "Print N screens and exit.")
    private Integer iterations;

    @Override
    public Integer call() throws Exception {
        Duration every = RecordCommand.parseDuration(interval);
        if (every.toMillis() < 100) {
            throw new CommandLine.ParameterException(spec.commandLine(), "the interval must be at least 100ms");
        }
        int screens = once ? 1 : iterations != null ? Math.max(1, iterations) : Integer.MAX_VALUE;
        boolean live = screens == Integer.MAX_VALUE && System.console() != null;
        PrintWriter out = spec.commandLine().getOut();
        try (TargetJvm jvm = target.open(spec)) {
            java.util.Properties properties = jvm.systemProperties();
            boolean agent = properties.getProperty(TargetJvm.AGENT_PROPERTY) != null;
            String title = jvm.name() + " (" + properties.getProperty("sun.java.command", "?") + ", JDK "
                    + properties.getProperty("java.specification.version", "?") + ")";
            String note = agent ? null : "The agent is not loaded: locks from the JVM's own events only, no pools or"
                    + " global-lock warnings (contention record --pid loads it).";
            ThreadMXBean threads = jvm.threads();
            TopWindow window = new TopWindow();
            try (RemoteRecordingStream stream = new RemoteRecordingStream(jvm.mbeans());
                    Keyboard keyboard = live ? Keyboard.raw() : Keyboard.none()) {
                subscribe(stream, window, agent);
                CountDownLatch flushed = new CountDownLatch(1);
                stream.onFlush(flushed::countDown);
                stream.startAsync();
                // The target's first flush takes a second or so; the first screen counts from it.
                flushed.await(FIRST_FLUSH_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                window.take();
                for (int screen = 0; screen < screens; screen++) {
                    long start = System.nanoTime();
                    if (keyboard.waitForQuit(every)) {
                        break;
                    }
                    long length = System.nanoTime() - start;
                    if (live) {
                        out.print("\033[H\033[2J"); // home, clear: redraw in place
                    } else if (screen > 0) {
                        out.println();
                    }
                    String header = "contention top: " + title + ", " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS)
                            + (live ? " (q quits)" : "");
                    for (String warning : jvm.systemProperties().getProperty(WARNINGS_PROPERTY, "").split("\n")) {
                        window.globalLockWarning(warning); // given before top started, or since
                    }
                    String deadlock = deadlock(threads, target.describe());
                    TopText.write(out, header, deadlock == null ? note : note == null ? deadlock
                            : deadlock + System.lineSeparator() + note, window.take(), length, states(threads));
                }
            }
        } catch (LiveException e) {
            throw new UserDataException(e.getMessage());
        } catch (IOException | java.lang.reflect.UndeclaredThrowableException e) {
            throw new UserDataException(target.describe() + " stopped answering: "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
        }
        return ContentionCli.EXIT_OK;
    }


    /** The agent's global-lock warnings of the run so far, one a line (its GlobalLockWatch sets it). */
    static final String WARNINGS_PROPERTY = "contention.globalLockWarnings";

    /** How long to wait for the stream's first data before the first interval starts anyway. */
    static final Duration FIRST_FLUSH_TIMEOUT = Duration.ofSeconds(10);

    private static void subscribe(RemoteRecordingStream stream, TopWindow window, boolean agent) {
        java.time.Instant now = java.time.Instant.now();
        stream.enable("jdk.JavaMonitorEnter").withThreshold(Duration.ofMillis(1)).withStackTrace();
        stream.enable("jdk.ThreadPark").withThreshold(Duration.ofMillis(1)).withStackTrace();
        stream.onEvent("jdk.JavaMonitorEnter",
                since(now, e -> window.jdkWait(e, TopWindow.blockerClass(e, "monitorClass"))));
        stream.onEvent("jdk.ThreadPark",
                since(now, e -> window.jdkWait(e, TopWindow.blockerClass(e, "parkedClass"))));
        if (agent) {
            stream.enable("contention.LockStats").withPeriod(Duration.ofSeconds(1));
            stream.enable("contention.ExecutorStats").withPeriod(Duration.ofSeconds(1));
            stream.enable("contention.GlobalLockWarning");
            stream.onEvent("contention.LockStats", since(now, window::lockStats));
            stream.onEvent("contention.ExecutorStats", since(now, window::executorStats));
            stream.onEvent("contention.GlobalLockWarning", e -> window.globalLockWarning(e.getString("message")));
        }
    }

    // Only events that end from now on: a stream starts with the chunk in progress, older events included.
    private static java.util.function.Consumer<jdk.jfr.consumer.RecordedEvent> since(java.time.Instant now,
            java.util.function.Consumer<jdk.jfr.consumer.RecordedEvent> handler) {
        return e -> {
            if (!e.getEndTime().isBefore(now)) {
                handler.accept(e);
            }
        };
    }

    // The JVM's deadlocked threads, as a line for the banner, or null: stuck threads record no events to show.
    private static String deadlock(ThreadMXBean threads, String target) {
        long[] ids = threads.findDeadlockedThreads();
        if (ids == null) {
            return null;
        }
        java.util.List<String> names = new java.util.ArrayList<>();
        for (ThreadInfo info : threads.getThreadInfo(ids, 0)) {
            if (info != null) {
                names.add(info.getThreadName());
            }
        }
        return "!! DEADLOCK: " + String.join(", ", names) + " wait for each other's locks; contention dump "
                + (target.startsWith("pid ") ? "--pid " + target.substring(4) : "--jmx " + target)
                + " spells the cycle out";
    }

    // Threads by state, most common first.
    private static Map<String, Integer> states(ThreadMXBean threads) {
        Map<String, Integer> counts = new TreeMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds(), 0)) {
            if (info != null) {
                counts.merge(info.getThreadState().name(), 1, Integer::sum);
            }
        }
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** The terminal in raw mode while top runs, so that q needs no Enter; or no keyboard at all. */
    private static final class Keyboard implements AutoCloseable {
        private final boolean raw;

        private Keyboard(boolean raw) {
            this.raw = raw;
        }

        static Keyboard none() {
            return new Keyboard(false);
        }

        static Keyboard raw() {
            return new Keyboard(stty("-icanon min 1 -echo"));
        }

        // Sleeps for the interval; true as soon as q (or Q) is typed.
        boolean waitForQuit(Duration interval) throws IOException, InterruptedException {
            long end = System.nanoTime() + interval.toNanos();
            while (System.nanoTime() < end) {
                while (raw && System.in.available() > 0) {
                    int key = System.in.read();
                    if (key == 'q' || key == 'Q') {
                        return true;
                    }
                }
                Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            }
            return false;
        }

        @Override
        public void close() {
            if (raw) {
                stty("icanon echo");
            }
        }

        private static boolean stty(String settings) {
            try {
                Process stty = new ProcessBuilder("sh", "-c", "stty " + settings + " < /dev/tty")
                        .redirectErrorStream(true).start();
                return stty.waitFor() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
