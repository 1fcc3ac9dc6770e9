// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.it;

import static org.assertj.core.api.Assertions.assertThat;

import contention.it.support.Analyzer;
import contention.it.support.ChildJvm;
import contention.it.support.Output;
import contention.it.support.TestJdk;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dump}, {@code top} and {@code record} with {@code --jmx host:port}, for JVMs reached over their remote JMX
 * agent rather than attached to; and the one line a refused port gets.
 */
class JmxIT {

    @TempDir
    Path dir;

    @Test
    void dumpTopAndRecordOverJmx() throws Exception {
        int port = freePort();
        try (ChildJvm.Running app = ChildJvm.on(TestJdk.current(), dir).withAgent("file=" + dir.resolve("app.jfr"))
                .jvmArg("-Dcom.sun.management.jmxremote.port=" + port)
                .jvmArg("-Dcom.sun.management.jmxremote.authenticate=false")
                .jvmArg("-Dcom.sun.management.jmxremote.ssl=false")
                .start("contention.samples.transfer.TransferApp", "60s", "monitor")) {
            String jmx = "localhost:" + port;
            Output dump = await(() -> Analyzer.run("dump", "--jmx", jmx));
            assertThat(dump.exitCode).as("%s", dump).isEqualTo(3);
            assertThat(dump.stdout).contains("Threads of " + jmx + " (contention.samples.transfer.TransferApp 60s"
                    + " monitor)").containsPattern("\"transfer-1\" waits for contention\\.samples\\.transfer\\.Account");

            Output top = Analyzer.run("top", "--jmx", jmx, "--once", "--interval", "1s");
            assertThat(top.exitCode).as("%s", top).isZero();
            assertThat(top.stdout).contains("contention top: " + jmx).containsPattern("Threads: .*2 BLOCKED")
                    .containsPattern("!! DEADLOCK: transfer-[12], transfer-[12] wait for each other's locks;"
                            + " contention dump --jmx " + jmx + " spells the cycle out");

            Path file = dir.resolve("jmx.jfr");
            Output record = Analyzer.run("record", "--jmx", jmx, "-d", "3s", "-o", file.toString(), "--format",
                    "json");
            assertThat(record.exitCode).as("%s", record).isZero();
            assertThat(record.stdout).contains("\"kind\" : \"deadlock\"");
            assertThat(Analyzer.reportJson(file).path("recording").path("durationMs").asDouble())
                    .isBetween(2_000.0, 10_000.0);
        }
    }

    @Test
    void aRefusedPortIsOneLineThatSaysWhatToCheck() throws Exception {
        int port = freePort();
        Output dump = Analyzer.run("dump", "--jmx", "localhost:" + port);
        assertThat(dump.exitCode).isEqualTo(1);
        assertThat(dump.stderr.strip()).startsWith("contention dump: cannot connect to localhost:" + port + ":")
                .contains("-Dcom.sun.management.jmxremote.port=" + port).doesNotContain("\n");
        Output bad = Analyzer.run("dump", "--jmx", "nonsense");
        assertThat(bad.stderr.strip()).isEqualTo("contention dump: bad --jmx 'nonsense' (use host:port, e.g."
                + " localhost:9010)");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    // The JMX agent comes up with the JVM, the deadlock a moment later.
    private static Output await(java.util.concurrent.Callable<Output> command) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Output output = command.call();
        while (output.exitCode != 3 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            output = command.call();
        }
        return output;
    }
}
