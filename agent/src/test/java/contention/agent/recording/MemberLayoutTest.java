// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.invoke.MethodHandles;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import testsubjects.HandleSubject;

/** The field behind each kind of handle, and its offset, as this JVM lays the object out. */
class MemberLayoutTest {

    private static MemberLayout layout;

    @BeforeAll
    static void reachTheJdksUnsafe() {
        layout = MemberLayout.of(ByteBuddyAgent.install());
    }

    @Test
    void aFieldVarHandleAndEachKindOfUpdaterNameTheirField() {
        assertThat(layout.fieldOf(HandleSubject.COUNT)).containsExactly("testsubjects/HandleSubject", "count");
        assertThat(layout.fieldOf(HandleSubject.HITS)).containsExactly("testsubjects/HandleSubject", "hits");
        assertThat(layout.fieldOf(HandleSubject.STATE)).containsExactly("testsubjects/HandleSubject", "state");
        assertThat(layout.fieldOf(HandleSubject.NAME)).containsExactly("testsubjects/HandleSubject", "name");
    }

    @Test
    void handlesWithoutAnInstanceFieldNameNone() {
        assertThat(layout.fieldOf(MethodHandles.arrayElementVarHandle(long[].class))).isNull();
        assertThat(layout.fieldOf(new Object())).isNull();
        assertThat(layout.fieldOf(null)).isNull();
    }

    @Test
    void theFieldsOffsetsAreDistinctAndInsideTheObject() {
        long count = layout.fieldOffset(HandleSubject.class, "testsubjects/HandleSubject", "count");
        long hits = layout.fieldOffset(HandleSubject.class, "testsubjects/HandleSubject", "hits");
        assertThat(count).isBetween(8L, 64L);
        assertThat(hits).isBetween(8L, 64L).isNotEqualTo(count);
        assertThat(layout.slotOffset(long[].class, 2) - layout.slotOffset(long[].class, 1)).isEqualTo(8);
    }
}
