package dev.baton.engine.validation;

import dev.baton.api.workflow.Countersign;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.ParticipantKind;
import dev.baton.api.workflow.StateDef;

import java.util.EnumSet;

/** A countersign policy only on an all-must-act state; a quorum given once, as a count or a percentage, in range. */
public final class CountersignChecks {
    private CountersignChecks() {
    }

    public static void policy(Draft draft, StateDef state) {
        Countersign countersign = state.countersign();
        if (countersign == null) {
            return;
        }
        String where = "State '" + state.key() + "'";
        if (state.distribution() != Distribution.ALL) {
            draft.problem(where + " has a countersign policy but distribution " + state.distribution()
                    + "; a policy applies only to ALL");
        }
        Integer count = countersign.quorum();
        Integer percent = countersign.quorumPercent();
        if (countersign.policy() != Countersign.Policy.QUORUM) {
            if (count != null || percent != null) {
                draft.problem(where + " sets a quorum for policy " + countersign.policy() + "; only QUORUM takes one");
            }
            return;
        }
        if ((count == null) == (percent == null)) {
            draft.problem(where + " has policy QUORUM; it needs exactly one of quorum (a count) and quorumPercent");
        } else if (count != null && count < 1) {
            draft.problem(where + " has quorum " + count + "; it must be at least 1");
        } else if (percent != null && (percent < 1 || percent > 100)) {
            draft.problem(where + " has quorumPercent " + percent + "; it must be between 1 and 100");
        } else if (count != null && state.participants() != null
                && EnumSet.of(ParticipantKind.USER, ParticipantKind.USERS).contains(state.participants().kind())
                && count > state.participants().values().size()) {
            draft.problem(where + " has quorum " + count + " but names only " + state.participants().values().size()
                    + " users");
        }
    }
}
