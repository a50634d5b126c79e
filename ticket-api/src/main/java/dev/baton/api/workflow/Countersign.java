package dev.baton.api.workflow;

/**
 * How an all-must-act ({@link Distribution#ALL}) state decides between its participants' votes. A vote is a
 * transition taken by one participant: reject-kind transitions vote against, the others for. Every policy decides at
 * the latest when the last participant has voted, so disagreement never leaves a ticket with nobody to act.
 *
 * @param policy        the rule; {@code VETO} when absent
 * @param quorum        for {@code QUORUM}: how many must agree (capped at the number of participants)
 * @param quorumPercent for {@code QUORUM}, instead of {@code quorum}: the share (1-100) of participants that must
 *                      agree, rounded up
 */
public record Countersign(Policy policy, Integer quorum, Integer quorumPercent) {
    public enum Policy {
        /** Everyone must agree; the first rejection rejects at once. */
        VETO,
        /** Everyone votes; once all have, the ticket moves on if all agreed and is rejected otherwise. */
        UNANIMOUS,
        /** Moves on as soon as enough agree; rejected as soon as enough can no longer agree. */
        QUORUM,
        /** Everyone votes; the last vote's transition is taken, whatever came before. */
        LAST_DECIDES
    }

    public static final Countersign VETO = new Countersign(Policy.VETO, null, null);

    public Countersign {
        policy = policy == null ? Policy.VETO : policy;
    }

    public static Countersign quorum(int count) {
        return new Countersign(Policy.QUORUM, count, null);
    }

    public static Countersign quorumPercent(int percent) {
        return new Countersign(Policy.QUORUM, null, percent);
    }

    /** How many of {@code participants} must agree for a {@code QUORUM} to pass: at least 1, at most all. */
    public int required(int participants) {
        int wanted = quorum != null ? quorum
                : quorumPercent != null ? (int) Math.ceil(quorumPercent * participants / 100.0) : participants;
        return Math.max(1, Math.min(participants, wanted));
    }
}
