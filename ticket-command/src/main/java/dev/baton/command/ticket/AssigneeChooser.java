package dev.baton.command.ticket;

import dev.baton.api.workflow.Distribution;

import java.util.List;

/**
 * Picks the one user who gets a ticket arriving in a state whose distribution {@link Distribution#choosesOne()
 * chooses one} of the resolved participants. The choice is recorded in the event, so it is made once.
 */
@FunctionalInterface
public interface AssigneeChooser {
    /**
     * @param candidates the resolved participants, at least two, in the rule's stable order
     * @return one of {@code candidates}
     */
    String choose(Distribution distribution, String workflowKey, String stateKey, List<String> candidates);
}
