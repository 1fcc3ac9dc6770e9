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

    private final long pid; // -1 over JMX
    private final String name; // "pid 123" or "localhost:9010"
    private final VirtualMachine vm; // null over JMX
    private JMXConnector connector;

    private TargetJvm(long pid, VirtualMachine vm) {
        this.pid = pid;
        this.name = "pid " + pid;
        this.vm = vm;
    }

    private TargetJvm(String hostPort, JMXConnector connector) {
        this.pid = -1;
        this.name = hostPort;
        this.vm = null;
        this.connector = connector;
    }

    /**
     * Connects to a JVM's remote JMX agent at {@code host:port} (one started with
     * {@code -Dcom.sun.management.jmxremote.port=PORT}), for hosts where attaching is not possible.
     */
    public static TargetJvm connect(String hostPort) throws LiveException {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1 || !hostPort.substring(colon + 1).chars()
                .allMatch(Character::isDigit)) {
            throw new LiveException("bad --jmx '" + hostPort + "' (use host:port, e.g. localhost:9010)");
        }
        try {
            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + hostPort + "/jmxrmi");
            return new TargetJvm(hostPort, JMXConnectorFactory.connect(url));
        } catch (IOException | SecurityException e) {
            String why = rootMessage(e);
            throw new LiveException("cannot connect to " + hostPort + ": " + why + (why.contains("refused")
                    ? " (is a JVM listening there, started with -Dcom.sun.management.jmxremote.port="
                            + hostPort.substring(colon + 1) + "?)" : ""));
        }
    }

    /** {@code pid 123} or {@code host:port}: how messages name the target. */
    public String name() {
        return name;
    }

    /** Whether the target was reached by attaching, so the agent can be loaded into it. */
    public boolean attached() {
        return vm != null;
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
                    + " it without that flag, or reach it over JMX with --jmx host:port";
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
            if (vm != null) {
                return vm.getSystemProperties();
            }
            Properties properties = new Properties();
            properties.putAll(ManagementFactory.newPlatformMXBeanProxy(connection(),
                    ManagementFactory.RUNTIME_MXBEAN_NAME, java.lang.management.RuntimeMXBean.class)
                    .getSystemProperties());
            return properties;
        } catch (IOException | RuntimeException e) {
            throw new LiveException(name + " stopped answering: " + rootMessage(e));
        }
    }

    /**
     * Loads the agent jar at {@code agentJar} into the target with {@code options}; a JVM that already runs it
     * starts one more recording.
     */
    public void loadAgent(java.nio.file.Path agentJar, String options) throws LiveException {
        if (vm == null) {
            throw new LiveException("cannot load the agent into " + name + " over JMX: start that JVM with"
                    + " -javaagent:contention.jar, or record it with --pid on its host");
        }
        try {
            vm.loadAgent(agentJar.toAbsolutePath().toString(), options);
        } catch (com.sun.tools.attach.AgentLoadException | com.sun.tools.attach.AgentInitializationException e) {
            throw new LiveException("pid " + pid + " could not load the agent " + agentJar + ": " + message(e));
        } catch (IOException e) {
            throw new LiveException("pid " + pid + " stopped answering while loading the agent: " + message(e));
        }
    }

    /**
     * Why the target will print a warning about a dynamically loaded agent, or null when it will not: JDK 21 and
     * later warn unless started with {@code -XX:+EnableDynamicAgentLoading} (JEP 451).
     */
    public String dynamicAgentWarning() throws LiveException {
        Properties properties = systemProperties();
        int feature;
        try {
            feature = Integer.parseInt(properties.getProperty("java.specification.version", "17").split("\\.")[0]);
        } catch (NumberFormatException e) {
            return null;
        }
        if (feature < 21) {
            return null;
        }
        try {
            com.sun.management.HotSpotDiagnosticMXBean diagnostic = ManagementFactory.newPlatformMXBeanProxy(
                    connection(), "com.sun.management:type=HotSpotDiagnostic",
                    com.sun.management.HotSpotDiagnosticMXBean.class);
            com.sun.management.VMOption option = diagnostic.getVMOption("EnableDynamicAgentLoading");
            // True by default on JDK 21-25, warning; only set on the command line it silences the warning.
            if ("true".equals(option.getValue()) && option.getOrigin() != com.sun.management.VMOption.Origin.DEFAULT) {
                return null;
            }
        } catch (IOException | RuntimeException e) {
            // cannot tell: say it
        }
        return name + " runs JDK " + feature + ", which prints a warning about a dynamically loaded agent;"
                + " start it with -XX:+EnableDynamicAgentLoading to silence it";
    }

    /** The target's Flight Recorder, over the same JMX connection. */
    public jdk.management.jfr.FlightRecorderMXBean flightRecorder() throws LiveException {
        try {
            return ManagementFactory.newPlatformMXBeanProxy(connection(), "jdk.management.jfr:type=FlightRecorder",
                    jdk.management.jfr.FlightRecorderMXBean.class);
        } catch (IOException e) {
            throw new LiveException("cannot reach the management agent of " + name + ": " + message(e));
        }
    }

    /** The target's thread MXBean, over a JMX connection to its local management agent (started if need be). */
    public ThreadMXBean threads() throws LiveException {
        try {
            return ManagementFactory.newPlatformMXBeanProxy(connection(), ManagementFactory.THREAD_MXBEAN_NAME,
                    ThreadMXBean.class);
        } catch (IOException e) {
            throw new LiveException("cannot reach the management agent of " + name + ": " + message(e));
        }
    }

    /** The JMX connection to the target's local management agent (started if need be), for JFR streaming. */
    public MBeanServerConnection mbeans() throws LiveException {
        try {
            return connection();
        } catch (IOException e) {
            throw new LiveException("cannot reach the management agent of " + name + ": " + message(e));
        }
    }

    private MBeanServerConnection connection() throws IOException {
        if (connector == null && vm != null) {
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
            if (vm != null) {
                vm.detach();
            }
        } catch (IOException e) {
            // as above
        }
    }

    // The innermost cause's message: RMI wraps the one that says what happened ("Connection refused").
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return message(root);
    }

    static String message(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.trim();
    }
}
