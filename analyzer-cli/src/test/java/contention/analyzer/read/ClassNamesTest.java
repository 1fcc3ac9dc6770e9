// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Class names, frames and call sites as every report writes them. */
class ClassNamesTest {

    @Test
    void arrayDescriptorsBecomeJavaNames() {
        assertThat(ClassNames.javaName("[I")).isEqualTo("int[]");
        assertThat(ClassNames.javaName("[[J")).isEqualTo("long[][]");
        assertThat(ClassNames.javaName("[Ljava.lang.Object;")).isEqualTo("java.lang.Object[]");
        assertThat(ClassNames.javaName("java/util/HashMap")).isEqualTo("java.util.HashMap");
        assertThat(ClassNames.javaName("java.util.Collections$SynchronizedMap"))
                .isEqualTo("java.util.Collections$SynchronizedMap");
        assertThat(ClassNames.javaName(null)).isEqualTo("unknown");
    }

    @Test
    void hiddenClassesLoseTheirAddress() {
        assertThat(ClassNames.javaName("com.acme.Foo$$Lambda$14/0x0000000800c0b000")).isEqualTo("com.acme.Foo$$Lambda$14");
        assertThat(ClassNames.javaName("com.acme.Foo$$Lambda$815+0x00007f234c212cc8/28145535"))
                .isEqualTo("com.acme.Foo$$Lambda$815");
        assertThat(ClassNames.javaName("com/acme/Foo$$Lambda$14/0x0000000800c0b000")).isEqualTo("com.acme.Foo$$Lambda$14");
    }

    @Test
    void hiddenClassesLoseTheirAddressInEveryJdksForm() {
        // JDK 21+'s JFR writes "/0x" as ".0x" (seen with Temurin 25).
        assertThat(ClassNames.javaName("contention.samples.lrucache.LookupWorkload$$Lambda.0x000000009a044df0"))
                .isEqualTo("contention.samples.lrucache.LookupWorkload$$Lambda");
        assertThat(ClassNames.javaName("contention.samples.lrucache.LookupWorkload$$Lambda/0x000000009a044df0"))
                .isEqualTo("contention.samples.lrucache.LookupWorkload$$Lambda");
        assertThat(ClassNames.javaName("contention.samples.lrucache.LookupWorkload$$Lambda+0x000000009a044df0"))
                .isEqualTo("contention.samples.lrucache.LookupWorkload$$Lambda");
        assertThat(ClassNames.javaName("[Lcom.acme.Foo$$Lambda.0x000000009a044df0;")).isEqualTo("com.acme.Foo$$Lambda[]");
        // Not an address: a package or class another JVM language named "0x...", too short for an address.
        assertThat(ClassNames.javaName("com.acme.0xcafe.Decoder")).isEqualTo("com.acme.0xcafe.Decoder");
        assertThat(ClassNames.javaName("com.acme.0xcafe")).isEqualTo("com.acme.0xcafe");
    }

    @Test
    void lambdaFramesNameTheOuterClassFile() {
        String className = ClassNames.javaName("contention.samples.lrucache.LookupWorkload$$Lambda.0x000000009a044df0");

        assertThat(ClassNames.sourceFileOf(className)).isEqualTo("LookupWorkload.java");
        assertThat(Frames.format(className, "run", 0))
                .isEqualTo("contention.samples.lrucache.LookupWorkload$$Lambda.run(LookupWorkload.java)");
    }

    @Test
    void jfrInternalsAndTheProfilersThreads() {
        assertThat(ClassNames.isJfrInternal("jdk.jfr.internal.PlatformRecorder")).isTrue();
        assertThat(ClassNames.isJfrInternal("jdk.jfr.Recording")).isFalse();
        assertThat(ClassNames.isJfrInternal("java.util.Hashtable")).isFalse();
        for (String jfr : List.of("JFR Recorder Thread", "JFR Periodic Tasks", "JFR Shutdown Hook",
                "JFR Recording Scheduler", "contention-dump")) {
            assertThat(ProfilerThreads.isProfilerThread(jfr)).as(jfr).isTrue();
        }
        for (String app : List.of("main", "pool-1-thread-1", "JFRish", "contention", "C2 CompilerThread0")) {
            assertThat(ProfilerThreads.isProfilerThread(app)).as(app).isFalse();
        }
        assertThat(ProfilerThreads.isProfilerThread(null)).isFalse();
    }

    @Test
    void sourceFileIsTheTopLevelClass() {
        assertThat(ClassNames.sourceFileOf("com.acme.LruCache")).isEqualTo("LruCache.java");
        assertThat(ClassNames.sourceFileOf("com.acme.Outer$Inner")).isEqualTo("Outer.java");
        assertThat(ClassNames.sourceFileOf("com.acme.Outer$Inner$1")).isEqualTo("Outer.java");
        assertThat(ClassNames.sourceFileOf("com.acme.Foo$$Lambda$14")).isEqualTo("Foo.java");
        assertThat(ClassNames.sourceFileOf("Main")).isEqualTo("Main.java");
    }

    @Test
    void framesNameTheFileAndLine() {
        assertThat(Frames.format("com.acme.Outer$Inner", "run", 12)).isEqualTo("com.acme.Outer$Inner.run(Outer.java:12)");
        assertThat(Frames.format("com.acme.Outer", "<init>", 0)).isEqualTo("com.acme.Outer.<init>(Outer.java)");
        assertThat(Frames.format("com.acme.Outer", "run", -1)).isEqualTo("com.acme.Outer.run(Outer.java)");
    }

    @Test
    void jdkAndAgentCode() {
        for (String jdk : List.of("java.util.HashMap", "javax.swing.JFrame", "jdk.internal.misc.Unsafe",
                "sun.nio.ch.Net", "com.sun.net.httpserver.HttpServer")) {
            assertThat(ClassNames.isJdk(jdk)).as(jdk).isTrue();
        }
        assertThat(ClassNames.isJdk("com.acme.LruCache")).isFalse();
        assertThat(ClassNames.isJdk("javafoo.Bar")).isFalse();
        assertThat(ClassNames.isAgent("contention.agent.bootstrap.LockAdviceHelper")).isTrue();
        assertThat(ClassNames.isAgent("contention.analyzer.Main")).isFalse();
    }

    @Test
    void siteIsTheFirstApplicationFrame() {
        assertThat(Frames.siteIndex(List.of("java.util.Collections$SynchronizedMap", "com.acme.LruCache", "com.acme.Main")))
                .isEqualTo(1);
        assertThat(Frames.siteIndex(List.of("contention.agent.bootstrap.LockAdviceHelper", "java.util.Hashtable",
                "com.acme.Main"))).isEqualTo(2);
        assertThat(Frames.siteIndex(List.of("jdk.internal.misc.Unsafe", "java.lang.Thread"))).isZero();
        assertThat(Frames.siteIndex(List.of())).isEqualTo(-1);
    }
}
