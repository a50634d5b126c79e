package dev.baton.engine;

import dev.baton.api.workflow.Countersign;
import dev.baton.engine.Countersigning.Outcome;
import dev.baton.engine.Countersigning.Vote;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The countersign decision for each policy, over votes cast in order among a fixed number of participants. */
class CountersigningTest {
    static final Countersign VETO = Countersign.VETO;
    static final Countersign UNANIMOUS = new Countersign(Countersign.Policy.UNANIMOUS, null, null);
    static final Countersign LAST_DECIDES = new Countersign(Countersign.Policy.LAST_DECIDES, null, null);

    /** The outcome after each vote of {@code pattern} ('+' for, '-' against) among {@code participants}. */
    static List<Outcome> replay(Countersign policy, int participants, String pattern) {
        List<Vote> votes = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        for (char c : pattern.toCharArray()) {
            votes.add(new Vote("u" + votes.size(), c == '-'));
            outcomes.add(Countersigning.decide(policy, votes, participants - votes.size()));
        }
        return outcomes;
    }

    @Test
    void vetoRejectsAtTheFirstVoteAgainstAndPassesOnlyWhenAllAgree() {
        assertThat(replay(VETO, 3, "+-")).containsExactly(Outcome.WAIT, Outcome.REJECT);
        assertThat(replay(VETO, 3, "+++")).containsExactly(Outcome.WAIT, Outcome.WAIT, Outcome.PASS);
    }

    @Test
    void unanimousWaitsForEveryVoteThenRejectsIfAnyoneWasAgainst() {
        assertThat(replay(UNANIMOUS, 3, "-++")).containsExactly(Outcome.WAIT, Outcome.WAIT, Outcome.REJECT);
        assertThat(replay(UNANIMOUS, 3, "+++")).containsExactly(Outcome.WAIT, Outcome.WAIT, Outcome.PASS);
    }

    @Test
    void quorumPassesOnceEnoughAgreeAndRejectsOnceTheyCannot() {
        assertThat(replay(Countersign.quorum(2), 4, "-+-+")).containsExactly(
                Outcome.WAIT, Outcome.WAIT, Outcome.WAIT, Outcome.PASS);
        assertThat(replay(Countersign.quorum(3), 4, "--")).containsExactly(Outcome.WAIT, Outcome.REJECT);
        assertThat(replay(Countersign.quorum(1), 5, "+")).containsExactly(Outcome.PASS);
    }

    @Test
    void aQuorumPercentageIsRoundedUpAndAQuorumCountCappedAtEveryone() {
        assertThat(Countersign.quorumPercent(50).required(3)).isEqualTo(2);
        assertThat(Countersign.quorumPercent(1).required(3)).isEqualTo(1);
        assertThat(Countersign.quorumPercent(100).required(7)).isEqualTo(7);
        assertThat(Countersign.quorum(5).required(2)).isEqualTo(2);
        assertThat(replay(Countersign.quorum(5), 2, "++")).containsExactly(Outcome.WAIT, Outcome.PASS);
    }

    @Test
    void lastDecidesFollowsTheLastVoteOnly() {
        assertThat(replay(LAST_DECIDES, 3, "--+")).containsExactly(Outcome.WAIT, Outcome.WAIT, Outcome.PASS);
        assertThat(replay(LAST_DECIDES, 3, "++-")).containsExactly(Outcome.WAIT, Outcome.WAIT, Outcome.REJECT);
    }

    @Test
    void everyPolicyDecidesOnceNobodyIsPending() {
        for (Countersign policy : List.of(VETO, UNANIMOUS, LAST_DECIDES, Countersign.quorum(2),
                Countersign.quorumPercent(67))) {
            for (String pattern : List.of("+++", "++-", "+-+", "-++", "+--", "-+-", "--+", "---")) {
                assertThat(replay(policy, 3, pattern).get(2)).as("%s %s", policy, pattern).isNotEqualTo(Outcome.WAIT);
            }
        }
    }

    @Test
    void aRejectionTakesTheLatestVoteAgainstElseTheFirst() {
        assertThat(Countersigning.rejectingVote(List.of(new Vote("a", false), new Vote("b", true),
                new Vote("c", true)))).isEqualTo(2);
        assertThat(Countersigning.rejectingVote(List.of(new Vote("a", false), new Vote("b", true),
                new Vote("c", true), new Vote("d", false)))).isEqualTo(1);
    }

    @Test
    void refusesADecisionWithoutAVote() {
        assertThatThrownBy(() -> Countersigning.decide(VETO, List.of(), 2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
