// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.recording;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * One period's sampled accesses of two members of one type within a cache line by different threads, or of one
 * member written by several threads ({@link #trueSharing}); written by {@link CacheLineSampler}. The analyzer's
 * false-sharing detector reads it; the field names are its contract (docs/false-sharing.md).
 */
@Name(CacheLineStatsEvent.NAME)
@Label("Cache Line Statistics")
@Category({"Contention", "False Sharing"})
@Description("Sampled accesses by different threads to members of one object within a cache line, per period")
@StackTrace(false)
final class CacheLineStatsEvent extends jdk.jfr.Event {

    static final String NAME = "contention.CacheLineStats";

    @Label("Kind")
    @Description("field or array")
    String kind;

    @Label("Owner Class")
    @Description("The object's class (com.acme.Stats) or the array's type (long[], java.util.concurrent.atomic.AtomicLongArray)")
    String ownerClass;

    @Label("Member A")
    @Description("A field name (hits) or a slot ([1]); the one at the lower offset")
    String memberA;

    @Label("Member B")
    @Description("The other member; the same as member A for true sharing")
    String memberB;

    @Label("Offset A")
    @Description("Bytes from the object's start to member A")
    long offsetA;

    @Label("Offset B")
    long offsetB;

    @Label("Site A")
    @Description("A frame that accesses member A, e.g. com.acme.Stats.hit(Stats.java:12)")
    String siteA;

    @Label("Site B")
    String siteB;

    @Label("Threads A")
    @Description("Most threads seen writing or reading member A in one window")
    int threadsA;

    @Label("Threads B")
    int threadsB;

    @Label("Thread Names")
    @Description("Names of the threads, comma-separated, at most 8")
    String threadNames;

    @Label("Sampled Writes A")
    @Description("Writes of member A in the sampled windows (counted ones beyond the buffer included)")
    long sampledWritesA;

    @Label("Sampled Writes B")
    long sampledWritesB;

    @Label("Sampled Reads A")
    @Description("Reads of member A (volatile fields only) in the sampled windows")
    long sampledReadsA;

    @Label("Sampled Reads B")
    long sampledReadsB;

    @Label("Interleavings")
    @Description("Estimated accesses that found the line last written by another thread: twice the smaller side's writes (or reads, when one side only reads)")
    long interleavings;

    @Label("Sampled Time")
    @Description("Time the sampling windows were open in the period")
    @Timespan(Timespan.NANOSECONDS)
    long sampledNanos;

    @Label("Period")
    @Timespan(Timespan.NANOSECONDS)
    long periodNanos;

    @Label("True Sharing")
    @Description("One member written by several threads: a shared variable, not false sharing")
    boolean trueSharing;

    @Label("Dropped Pairs")
    @Description("Pairs active in the period beyond those written")
    long droppedPairs;
}
