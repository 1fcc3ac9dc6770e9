// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import contention.it.fixtures.MonitorSemanticsMain;
import contention.it.support.Analyzer;
import contention.it.support.ChildJvm;
import contention.it.support.TestJdk;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent never changes what {@code synchronized} does: exceptions, reentrancy, wait/notify, interrupts, class
 * monitors, leaving blocks through break, continue and return, shared constants and the JDK's synchronized
 * collections behave the same, line for line, with and without it, on every JDK present.
 */
class MonitorSemanticsIT {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource(TestJdk.ALL)
    void monitorsBehaveExactlyAsWithoutTheAgent(TestJdk jdk) throws Exception {
        String fixtures = Paths.get(MonitorSemanticsMain.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI()).toString();
        ChildJvm.Result without = ChildJvm.on(jdk, dir).classPath(fixtures)
                .run(MonitorSemanticsMain.class.getName(), "1500");
        Path recording = dir.resolve("monitors.jfr");
        ChildJvm.Result with = ChildJvm.on(jdk, dir).classPath(fixtures).withAgent("file=" + recording)
                .run(MonitorSemanticsMain.class.getName(), "1500");
        assertThat(without.exitCode).as("%s", without).isZero();
        assertThat(with.exitCode).as("%s", with).isZero();
        assertThat(with.stdout).isEqualTo(without.stdout);
        assertThat(with.stdout).doesNotContain("stuck=", "unexpected in ").contains(
                "exception.block=thrown in block, held=false, otherThreadEnters=true",
                "exception.method=thrown in method, held=false, otherThreadEnters=true",
                "exception.nested=thrown in nested blocks, heldOuter=false, heldInner=false, otherThreadEnters=true",
                "reentrant.recursiveMethod=51, heldAfter=false, otherThreadEnters=true",
                "notify.pingPong=turns=100, alternated=true", "notify.notifyAllWoke=3 of 3",
                "notify.waitReleasesReentrantHold=heldAfterWait=true, heldAfterInnerExit=true",
                "timedWait.returned=held=true, waited>=50ms=true",
                "interrupt.notThrownWhileMonitorHeldElsewhere=true",
                "interrupt.inWait=InterruptedException, held=true, interruptedAfter=false",
                "notHeld.notify=IllegalMonitorStateException",
                "notHeld.notifyWhileHoldingAnother=IllegalMonitorStateException",
                "loop.continueAndBreak=counted=5, acquisitions=9, held=false, otherThreadEnters=true",
                "loop.labelledBreak=visited=8, heldOuter=false, heldInner=false, otherThreadEnters=true",
                "loop.returnFromBlock=found=12, held=false, otherThreadEnters=true",
                "classMonitor.count=10000 of 10000, overlaps=0, heldInStaticMethod=true",
                "classMonitor.staticMethodWaitsForClassBlock=true", "classMonitor.countAfterRelease=10001",
                "constant.boxedIsShared=true", "constant.stringIsShared=true, sameObject=true",
                "constant.counts=10000, 10000 of 10000",
                "collections.hashtable=size=10001, total=10000, t3-2499=2499",
                "collections.vector=size=10000, exact=true", "collections.vectorPutIfAbsent=size=100, exact=true",
                "collections.stringBuffer=length=10000, perThread=[2500, 2500, 2500, 2500]",
                "collections.synchronizedList=size=10000, sum=49995000, exact=true", "done");
        assertThat(with.agentLines()).as("%s", with).noneMatch(line -> line.contains("could not"));

        // The fixture ran while the agent recorded: the class monitor it held for 150 ms against a waiting thread
        // is in the report.
        JsonNode report = Analyzer.reportJson(recording);
        double fixtureWaitMs = 0;
        for (JsonNode each : report.path("locks")) {
            for (JsonNode site : each.path("sites")) {
                if (site.path("frame").asText().startsWith(MonitorSemanticsMain.class.getName())) {
                    fixtureWaitMs += site.path("waitTimeMs").asDouble();
                }
            }
        }
        assertThat(fixtureWaitMs).as("waits in the fixture in %s", report.path("locks")).isGreaterThanOrEqualTo(100);
    }
}
