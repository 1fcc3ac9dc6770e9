// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.samples.pageviews;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The premise of the PageViews pair, which is true sharing: the problem has one counter every thread writes (no
 * neighbour to pad away from), and both count the same.
 */
class PageViewCounterTest {

    @Test
    void pageViewCounterHasOneSharedCounter() {
        assertThat(Arrays.stream(PageViewCounter.class.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers())).map(Field::getName)).containsExactly("views");
    }

    @Test
    void bothCountEveryView() {
        for (ViewCounter counter : new ViewCounter[] {new PageViewCounter(), new StripedPageViewCounter()}) {
            counter.recordView();
            counter.recordView();
            assertThat(counter.views()).as(counter.getClass().getSimpleName()).isEqualTo(2);
        }
    }
}
