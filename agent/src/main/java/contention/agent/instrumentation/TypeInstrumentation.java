// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.instrumentation;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** One type family the agent instruments: which types, and the advice applied to them. */
public interface TypeInstrumentation {

    /** The types to transform; keep it cheap, it runs for every class the JVM loads. */
    ElementMatcher<TypeDescription> typeMatcher();

    /** The advice, applied to the matched types' methods. */
    AgentBuilder.Transformer transformer();
}
