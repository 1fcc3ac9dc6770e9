// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.stats;

/**
 * The class chain that spaces {@link PaddedRequestStats}'s counters 128 bytes apart: each counter is declared in its
 * own class, between classes of padding longs; a subclass's fields come after its superclass's, so the order holds.
 * 16 longs (128 bytes) before the first counter keep it off the object header's line (read by every call) and off
 * whatever object precedes it; 15 longs after each counter put the next one 128 bytes on, and the last one 128
 * bytes from whatever object follows.
 */
final class RequestStatsPadding {

    abstract static class BeforeHits {
        long p000, p001, p002, p003, p004, p005, p006, p007;
        long p008, p009, p010, p011, p012, p013, p014, p015;
    }

    abstract static class Hits extends BeforeHits {
        volatile long hits;
    }

    abstract static class AfterHits extends Hits {
        long p200, p201, p202, p203, p204, p205, p206, p207;
        long p208, p209, p210, p211, p212, p213, p214;
    }

    abstract static class Misses extends AfterHits {
        volatile long misses;
    }

    abstract static class AfterMisses extends Misses {
        long p400, p401, p402, p403, p404, p405, p406, p407;
        long p408, p409, p410, p411, p412, p413, p414;
    }

    abstract static class Errors extends AfterMisses {
        volatile long errors;
    }

    abstract static class AfterErrors extends Errors {
        long p600, p601, p602, p603, p604, p605, p606, p607;
        long p608, p609, p610, p611, p612, p613, p614;
    }

    abstract static class Timeouts extends AfterErrors {
        volatile long timeouts;
    }

    abstract static class AfterTimeouts extends Timeouts {
        long p800, p801, p802, p803, p804, p805, p806, p807;
        long p808, p809, p810, p811, p812, p813, p814;
    }

    private RequestStatsPadding() {}
}
