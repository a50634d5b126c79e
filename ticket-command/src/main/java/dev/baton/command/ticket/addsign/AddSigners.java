package dev.baton.command.ticket.addsign;

import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.SignMode;
import dev.baton.api.ticket.TransitionRef;
import dev.baton.api.ticket.command.AddSign;
import dev.baton.api.ticket.event.SignAdded;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.TransitionDef;
import dev.baton.api.workflow.TransitionKind;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.command.ticket.TicketState;
import dev.baton.engine.DirectoryView;
import dev.baton.support.auth.CallerApps;
import dev.baton.support.replica.WorkflowCatalog;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static dev.baton.command.ticket.Guards.MAX_COMMENT;
import static dev.baton.command.ticket.Guards.assertCallerSees;
import static dev.baton.command.ticket.Guards.assertMayHandOver;
import static dev.baton.command.ticket.Guards.assertNewParticipant;
import static dev.baton.command.ticket.Guards.assertRequiredFieldsFilled;
import static dev.baton.command.ticket.Guards.assertText;
import static dev.baton.command.ticket.Guards.assertTransitionLeaves;
import static dev.baton.command.ticket.Guards.currentState;
import static dev.baton.command.ticket.Guards.definition;

/**
 * Adding signers ({@code AddSign} → {@code SignAdded}): the participant holding the ticket asks 1 to
 * {@value #MAX_SIGNERS} other active users to sign before them (they then decide again), after them (their decision,
 * a transition in favour, is held until the signers agree), or alongside them; the signers act one of them, all of
 * them, or in turn. How the signers' answers end the add-sign is {@link FinishSigning}.
 */
public final class AddSigners {
    public static final int MAX_SIGNERS = 20;

    private AddSigners() {
    }

    public static SignAdded decide(TicketState ticket, AddSign cmd, WorkflowCatalog catalog, DirectoryView directory,
                                   CallerApps apps, Clock clock) {
        assertCallerSees(ticket, apps, cmd.appId(), cmd.expectedVersion());
        assertText("comment", cmd.comment(), MAX_COMMENT, false);
        assertMayHandOver(ticket, "sent for an add-sign", cmd.actor(), cmd.expectedVersion(), directory, null);
        if (cmd.users().isEmpty() || cmd.users().size() > MAX_SIGNERS) {
            throw new BatonException(ErrorCode.INVALID_INPUT,
                    "Expected 1 to " + MAX_SIGNERS + " users to add, but got " + cmd.users().size());
        }
        if (cmd.users().stream().distinct().count() < cmd.users().size()) {
            throw new BatonException(ErrorCode.INVALID_INPUT,
                    "Expected each added user once, but got " + cmd.users());
        }
        for (String user : cmd.users()) {
            assertNewParticipant(ticket, directory, user);
        }
        List<String> signers = cmd.users();
        TransitionRef held = null;
        Assignment next;
        switch (cmd.position()) {
            case BEFORE -> next = signers(cmd.mode(), signers, cmd.actor());
            case AFTER -> {
                if (cmd.transition() == null || cmd.transition().isBlank()) {
                    throw new BatonException(ErrorCode.INVALID_INPUT, "Expected the transition to take once the "
                            + "signers after you agree, but got none");
                }
                WorkflowDefinition definition = definition(ticket, catalog);
                StateDef current = currentState(ticket, definition);
                TransitionDef transition = assertTransitionLeaves(definition, current, cmd.transition());
                if (transition.kind() == TransitionKind.REJECT) {
                    throw new BatonException(ErrorCode.INVALID_INPUT, "Expected a transition in favour to hold for "
                            + "the signers after you, but '" + transition.key() + "' rejects; reject directly");
                }
                if (transition.checkRequiredFields()) {
                    assertRequiredFieldsFilled(current, ticket.fields());
                }
                held = TransitionRef.of(transition);
                next = signers(cmd.mode(), signers, cmd.actor());
            }
            case PARALLEL -> next = alongside(ticket.assignment(), cmd.mode(), cmd.actor(), signers);
            default -> throw new IllegalStateException("Unknown position " + cmd.position());
        }
        return new SignAdded(ticket.ticketId(), cmd.actor(), clock.instant(), signers.get(0), cmd.comment(), next,
                signers, cmd.position(), cmd.mode(), held);
    }

    private static Assignment signers(SignMode mode, List<String> users, String requestedBy) {
        return switch (mode) {
            case ANY -> new Assignment(Distribution.ANY_ONE, users, false, List.of(), requestedBy);
            case ALL -> new Assignment(Distribution.ALL, users, false, List.of(), requestedBy);
            case SEQUENTIAL -> new Assignment(Distribution.SEQUENTIAL, users.subList(0, 1), false, List.of(),
                    requestedBy, users.subList(1, users.size()), List.of());
        };
    }

    private static Assignment alongside(Assignment assignment, SignMode mode, String actor, List<String> users) {
        List<String> together = new ArrayList<>(assignment.users());
        together.addAll(users);
        if (mode == SignMode.SEQUENTIAL) {
            throw new BatonException(ErrorCode.INVALID_INPUT, "Expected mode ANY or ALL for signers in parallel, but "
                    + "got SEQUENTIAL; add them before or after you to have them act in turn");
        }
        if (assignment.distribution() == Distribution.ALL) {
            if (mode == SignMode.ANY) {
                throw new BatonException(ErrorCode.WRONG_STATE, "Expected mode ALL in a countersign, where each vote "
                        + "is someone's own, but got ANY");
            }
            return new Assignment(Distribution.ALL, together, false, assignment.done(), null, assignment.queue(),
                    assignment.pool()).keepingDelegationsOf(assignment);
        }
        if (mode == SignMode.ANY) {
            return new Assignment(assignment.distribution(), together, false, assignment.done(), null,
                    assignment.queue(), assignment.pool()).keepingDelegationsOf(assignment);
        }
        if (!assignment.queue().isEmpty()) {
            throw new BatonException(ErrorCode.WRONG_STATE, "Expected no one queued after you for signers who must "
                    + "all act in parallel, but " + assignment.queue() + " follow; add them before or after you");
        }
        List<String> voters = new ArrayList<>(List.of(actor));
        voters.addAll(users);
        return new Assignment(Distribution.ALL, voters, false, List.of(), null).keepingDelegationsOf(assignment);
    }
}
