// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.health;

/**
 * The class chain that puts {@link PaddedServiceHealth}'s two fields 128 bytes apart: HotSpot lays out a superclass's
 * fields before its subclass's (it may reorder the fields of one class, so padding declared beside the fields could
 * end up anywhere). 16 longs before the first field keep it off the object header's line and the previous object; 15
 * after each field put the next one 128 bytes on, and the last one 128 bytes from the next object.
 */
final class ServiceHealthPadding {

    abstract static class BeforeHeartbeats {
        long p00, p01, p02, p03, p04, p05, p06, p07;
        long p08, p09, p10, p11, p12, p13, p14, p15;
    }

    abstract static class Heartbeats extends BeforeHeartbeats {
        volatile long heartbeats;
    }

    abstract static class AfterHeartbeats extends Heartbeats {
        long q00, q01, q02, q03, q04, q05, q06, q07;
        long q08, q09, q10, q11, q12, q13, q14;
    }

    abstract static class ConnectionLimit extends AfterHeartbeats {
        volatile long connectionLimit;
    }

    abstract static class AfterConnectionLimit extends ConnectionLimit {
        long r00, r01, r02, r03, r04, r05, r06, r07;
        long r08, r09, r10, r11, r12, r13, r14;
    }

    private ServiceHealthPadding() {}
}
