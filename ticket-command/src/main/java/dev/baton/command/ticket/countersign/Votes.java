package dev.baton.command.ticket.countersign;

import dev.baton.api.ticket.event.CountersignRecorded;
import dev.baton.api.workflow.TransitionKind;
import dev.baton.engine.Countersigning;

import java.util.ArrayList;
import java.util.List;

/** In an all-must-act state: the votes cast there so far, oldest first. Cleared on every arrival. */
public final class Votes {
    private final List<CastVote> cast = new ArrayList<>();

    /** The votes as the countersign policy counts them. */
    public List<Countersigning.Vote> counted() {
        return cast.stream().map(v -> new Countersigning.Vote(v.voter(), v.against())).toList();
    }

    /** The transition the {@code index}-th vote took. */
    public String transitionOf(int index) {
        return cast.get(index).transitionKey();
    }

    public void recorded(CountersignRecorded e) {
        cast.add(new CastVote(e.actor(), e.transition().key(), e.transition().kind() == TransitionKind.REJECT));
    }

    public void clear() {
        cast.clear();
    }

    private record CastVote(String voter, String transitionKey, boolean against) {
    }
}
