// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.analyzer.model;

import java.util.List;

/**
 * Two members of one object, fields or array slots, that the agent saw written by different threads within one
 * cache line, over the whole recording; or one member written by several threads ({@link #trueSharing}), where
 * {@code memberA} and {@code memberB} are the same. Counts are of sampled writes: rates divide by
 * {@link #sampledNanos}, the time the agent was looking.
 *
 * @param kind {@code field} or {@code array}
 * @param ownerClass the object's class ({@code com.acme.Stats}) or the array's type ({@code long[]},
 *     {@code java.util.concurrent.atomic.AtomicLongArray})
 * @param memberA a field name ({@code hits}) or a slot ({@code [0]})
 * @param memberB the other member; the same as {@code memberA} for true sharing
 * @param offsetA bytes from the object's start to {@code memberA}
 * @param offsetB bytes from the object's start to {@code memberB}
 * @param siteA a frame that writes {@code memberA}, or empty
 * @param siteB a frame that writes {@code memberB}, or empty
 * @param threadsA most threads seen writing {@code memberA} in one period
 * @param threadsB most threads seen writing {@code memberB} in one period
 * @param threadNames names of writing threads, at most a few
 * @param sampledWritesA sampled writes of {@code memberA}
 * @param sampledWritesB sampled writes of {@code memberB}
 * @param sampledReadsA sampled reads of {@code memberA} (volatile fields only)
 * @param sampledReadsB sampled reads of {@code memberB}
 * @param interleavings sampled writes to the line by another thread than the line's previous write: each moves the
 *     line between cores
 * @param sampledNanos time the agent was sampling writes
 * @param periodNanos time the periods covered
 * @param trueSharing one member written by several threads: a shared variable, not a layout accident
 */
public record CacheLine(
        String kind,
        String ownerClass,
        String memberA,
        String memberB,
        long offsetA,
        long offsetB,
        String siteA,
        String siteB,
        int threadsA,
        int threadsB,
        List<String> threadNames,
        long sampledWritesA,
        long sampledWritesB,
        long sampledReadsA,
        long sampledReadsB,
        long interleavings,
        long sampledNanos,
        long periodNanos,
        boolean trueSharing) {

    public CacheLine {
        threadNames = List.copyOf(threadNames);
    }

    /** Bytes between the two members' starts. */
    public long distanceBytes() {
        return Math.abs(offsetB - offsetA);
    }

    /** How people name member A: {@code com.acme.Stats.hits}, {@code long[][3]}. */
    public String nameA() {
        return name(memberA);
    }

    /** How people name member B. */
    public String nameB() {
        return name(memberB);
    }

    private String name(String member) {
        return "array".equals(kind) ? ownerClass + member : ownerClass + "." + member;
    }

    /** Interleaved writes per second while the agent sampled; 0 when it never did. */
    public double interleavingsPerSecond() {
        return sampledNanos <= 0 ? 0 : interleavings * 1e9 / sampledNanos;
    }

    /** Writes of a member per second while the agent sampled. */
    public double writesPerSecond(long sampledWrites) {
        return sampledNanos <= 0 ? 0 : sampledWrites * 1e9 / sampledNanos;
    }
}
