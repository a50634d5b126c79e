package dev.baton.engine.validation;

import dev.baton.api.workflow.Countersign;
import dev.baton.api.workflow.Distribution;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A countersign policy and its quorum. */
class CountersignChecksTest extends DefinitionVariants {
    @Test
    void aCountersignPolicyWithAQuorumIsValidOnAnAllMustActState() {
        assertThat(problems(directorsCountersign(Countersign.quorumPercent(60)))).isEmpty();
        assertThat(problems(leaderPanel(Countersign.quorum(2)))).isEmpty();
        assertThat(problems(directorsCountersign(new Countersign(Countersign.Policy.LAST_DECIDES, null, null))))
                .isEmpty();
    }

    @Test
    void aCountersignPolicyOnAStateThatIsNotAllMustActIsReported() {
        assertThat(problems(mapState("ops_handling", s -> sharing(s, s.participants(), Distribution.ACCEPT_FIRST,
                new Countersign(Countersign.Policy.UNANIMOUS, null, null))))).containsExactly(
                "State 'ops_handling' has a countersign policy but distribution ACCEPT_FIRST; a policy applies only "
                        + "to ALL");
    }

    @Test
    void aQuorumPolicyNeedsExactlyOneOfCountAndPercentage() {
        String expected = "State 'director_approval' has policy QUORUM; it needs exactly one of quorum (a count) "
                + "and quorumPercent";
        assertThat(problems(directorsCountersign(new Countersign(Countersign.Policy.QUORUM, null, null))))
                .containsExactly(expected);
        assertThat(problems(directorsCountersign(new Countersign(Countersign.Policy.QUORUM, 2, 50))))
                .containsExactly(expected);
    }

    @Test
    void aQuorumOutOfRangeIsReported() {
        assertThat(problems(directorsCountersign(Countersign.quorum(0))))
                .containsExactly("State 'director_approval' has quorum 0; it must be at least 1");
        assertThat(problems(directorsCountersign(Countersign.quorumPercent(101))))
                .containsExactly("State 'director_approval' has quorumPercent 101; it must be between 1 and 100");
        assertThat(problems(leaderPanel(Countersign.quorum(3))))
                .containsExactly("State 'leader_approval' has quorum 3 but names only 2 users");
    }

    @Test
    void aQuorumForAnotherPolicyIsReported() {
        assertThat(problems(directorsCountersign(new Countersign(Countersign.Policy.VETO, 2, null))))
                .containsExactly("State 'director_approval' sets a quorum for policy VETO; only QUORUM takes one");
    }
}
