// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.live;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Properties;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A running JVM on this host, reached through the Attach API, and its platform MXBeans through the local
 * management agent that attaching starts (as {@code jcmd PID ManagementAgent.start_local} does). Every way this can
 * fail becomes a {@link LiveException} whose message says what happened and what to do.
 *
 * <p>Assumptions and guarantees: one target per instance; {@link #close} detaches and closes the JMX connection.
 */
public final class TargetJvm implements AutoCloseable {

    /** The agent sets this system property in the JVM it runs in: its version and recording file. */
    public static final String AGENT_PROPERTY = "contention.agent";

    private final long pid;
    private final VirtualMachine vm;
    private JMXConnector connector;

    private TargetJvm(long pid, VirtualMachine vm) {
        this.pid = pid;
        this.vm = vm;
    }

    /** Attaches to the JVM with process id {@code pid}. */
    public static TargetJvm attach(long pid) throws LiveException {
        if (pid == ProcessHandle.current().pid()) {
            throw new LiveException("pid " + pid + " is this contention command itself");
        }
        ProcessHandle process = ProcessHandle.of(pid).orElse(null);
        if (process == null || !process.isAlive()) {
            throw new LiveException("no process with pid " + pid + " (it may have ended; 'contention list' shows"
                    + " the running JVMs)");
        }
        String executable = executable(pid, process);
        if (!looksLikeJvm(pid, executable)) {
            throw new LiveException("pid " + pid + " is not a JVM (" + executable + ")");
        }
        try {
            return new TargetJvm(pid, VirtualMachine.attach(Long.toString(pid)));
        } catch (AttachNotSupportedException e) {
            throw new LiveException(whyNotAttachable(pid, process, e));
        } catch (IOException e) {
            throw new LiveException("cannot attach to pid " + pid + ": " + message(e));
        } catch (SecurityException e) {
            throw new LiveException("not allowed to attach to pid " + pid + ": " + message(e));
        }
    }

    // Listed by the JVMs' performance data, or a process whose executable is java: attaching to anything else waits
    // 10 s for an answer that never comes.
    private static boolean looksLikeJvm(long pid, String executable) {
        String id = Long.toString(pid);
        if (VirtualMachine.list().stream().anyMatch(d -> d.id().equals(id))) {
            return true;
        }
        return executable.isEmpty() || executable.endsWith("/java") || executable.equals("java");
    }

    // The process's executable, or on Linux its name where the command is not readable; empty if neither.
    private static String executable(long pid, ProcessHandle process) {
        String command = process.info().command().orElse("");
        if (command.isEmpty()) {
            try {
                command = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "comm"))
                        .strip();
            } catch (IOException | RuntimeException e) {
                return "";
            }
        }
        return command;
    }

    private static String whyNotAttachable(long pid, ProcessHandle process, Exception e) {
        if (message(e).contains("does not support the attach mechanism")) {
            return "pid " + pid + " was started with -XX:+DisableAttachMechanism and cannot be attached to; restart"
                    + " it without that flag";
        }
        String user = process.info().user().orElse(null);
        String me = System.getProperty("user.name");
        if (user != null && me != null && !user.equals(me) && !"root".equals(me)) {
            return "pid " + pid + " belongs to user " + user + ", not " + me + "; run contention as " + user
                    + " (the Attach API only reaches JVMs of the same user)";
        }
        return "cannot attach to pid " + pid + ": " + message(e) + " (is it a HotSpot JVM of this user, started"
                + " without -XX:+DisableAttachMechanism and still running?)";
    }

    /** The process id. */
    public long pid() {
        return pid;
    }

    /** The target's system properties. */
    public Properties systemProperties() throws LiveException {
        try {
            return vm.getSystemProperties();
        } catch (IOException e) {
            throw new LiveException("pid " + pid + " stopped answering: " + message(e));
        }
    }

    /** The target's thread MXBean, over a JMX connection to its local management agent (started if need be). */
    public ThreadMXBean threads() throws LiveException {
        try {
            return ManagementFactory.newPlatformMXBeanProxy(connection(), ManagementFactory.THREAD_MXBEAN_NAME,
                    ThreadMXBean.class);
        } catch (IOException e) {
            throw new LiveException("cannot reach the management agent of pid " + pid + ": " + message(e));
        }
    }

    private MBeanServerConnection connection() throws IOException {
        if (connector == null) {
            String address = vm.startLocalManagementAgent();
            connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
        }
        return connector.getMBeanServerConnection();
    }

    @Override
    public void close() {
        try {
            if (connector != null) {
                connector.close();
            }
        } catch (IOException e) {
            // the target may have exited: nothing left to close
        }
        try {
            vm.detach();
        } catch (IOException e) {
            // as above
        }
    }

    static String message(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.trim();
    }
}
