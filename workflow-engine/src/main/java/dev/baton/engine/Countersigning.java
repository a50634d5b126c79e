package dev.baton.engine;

import dev.baton.api.workflow.Countersign;

import java.util.List;

/**
 * The decision of an all-must-act state after a vote, as a plain function of the policy, the votes so far and how
 * many participants have not voted yet. A vote is for ({@code against == false}) or against (a reject-kind
 * transition). Every policy decides once nobody is pending, so a countersign always ends.
 */
public final class Countersigning {
    private Countersigning() {
    }

    /** One participant's vote, in the order they were cast. */
    public record Vote(String voter, boolean against) {
    }

    /** What happens now. */
    public enum Outcome {
        /** Others still have to vote. */
        WAIT,
        /** The ticket moves on along the deciding vote's transition. */
        PASS,
        /** The ticket is rejected along a vote against. */
        REJECT
    }

    /**
     * @param policy  the state's policy
     * @param votes   every vote in this state so far, the newest last (it is the one just cast)
     * @param pending how many participants have not voted yet
     */
    public static Outcome decide(Countersign policy, List<Vote> votes, int pending) {
        if (votes.isEmpty()) {
            throw new IllegalArgumentException("Expected at least the vote just cast, but got none");
        }
        Vote latest = votes.get(votes.size() - 1);
        long against = votes.stream().filter(Vote::against).count();
        long agreeing = votes.size() - against;
        return switch (policy.policy()) {
            case VETO -> latest.against() ? Outcome.REJECT : pending == 0 ? Outcome.PASS : Outcome.WAIT;
            case UNANIMOUS -> pending > 0 ? Outcome.WAIT : against == 0 ? Outcome.PASS : Outcome.REJECT;
            case LAST_DECIDES -> pending > 0 ? Outcome.WAIT : latest.against() ? Outcome.REJECT : Outcome.PASS;
            case QUORUM -> {
                int required = policy.required(votes.size() + pending);
                if (agreeing >= required) {
                    yield Outcome.PASS;
                }
                yield agreeing + pending < required ? Outcome.REJECT : Outcome.WAIT;
            }
        };
    }

    /**
     * The vote whose transition a rejection takes: the newest vote if it is against, otherwise the first vote
     * against (a unanimous or quorum decision made by a vote in favour).
     */
    public static int rejectingVote(List<Vote> votes) {
        int latest = votes.size() - 1;
        if (votes.get(latest).against()) {
            return latest;
        }
        for (int i = 0; i < votes.size(); i++) {
            if (votes.get(i).against()) {
                return i;
            }
        }
        throw new IllegalStateException("Expected a vote against, but there is none");
    }
}
