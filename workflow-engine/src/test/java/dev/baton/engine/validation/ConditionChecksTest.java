package dev.baton.engine.validation;

import dev.baton.api.workflow.ConditionalRoute;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Route conditions. */
class ConditionChecksTest extends DefinitionVariants {
    @Test
    void conditionThatDoesNotParseIsReported() {
        assertThat(problems(mapTransition("leader_approve",
                t -> routes(t, new ConditionalRoute("days >", "director_approval")))))
                .singleElement().asString()
                .startsWith("Transition 'leader_approve' has an invalid condition: The condition 'days >' does not parse");
    }

    @Test
    void forbiddenConditionIsReported() {
        assertThat(problems(mapTransition("leader_approve",
                t -> routes(t, new ConditionalRoute("T(java.lang.Runtime).getRuntime() != null",
                        "director_approval")))))
                .containsExactly("Transition 'leader_approve' has an invalid condition: The condition "
                        + "'T(java.lang.Runtime).getRuntime() != null' uses a type reference (T(...)), which conditions may not use");
    }

    @Test
    void emptyConditionIsReported() {
        assertThat(problems(mapTransition("leader_approve",
                t -> routes(t, new ConditionalRoute(" ", "director_approval")))))
                .containsExactly("Transition 'leader_approve' has a route with no condition");
    }

    @Test
    void conditionOnUnknownFieldIsReported() {
        assertThat(problems(mapTransition("leader_approve",
                t -> routes(t, new ConditionalRoute("dayz > 3", "director_approval")))))
                .containsExactly("Transition 'leader_approve' has condition 'dayz > 3' referencing unknown field 'dayz'");
    }

    @Test
    void conditionComparingANonNumericFieldWithANumberIsReported() {
        assertThat(problems(mapTransition("leader_approve",
                t -> routes(t, new ConditionalRoute("reason > 3 or 2.5 <= start_date or days > -1",
                        "director_approval")))))
                .containsExactly(
                        "Transition 'leader_approve' has condition 'reason > 3 or 2.5 <= start_date or days > -1' "
                                + "comparing field 'reason' (TEXTAREA) with a number; only INTEGER and DECIMAL "
                                + "fields compare with numbers",
                        "Transition 'leader_approve' has condition 'reason > 3 or 2.5 <= start_date or days > -1' "
                                + "comparing field 'start_date' (DATE) with a number; only INTEGER and DECIMAL "
                                + "fields compare with numbers");
    }
}
