package dev.baton.query.detail;

import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.TicketSnapshot;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.TransitionRef;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the acting user may do to the ticket now, mirroring ticket-command's rules.
 *
 * @param transitions the transitions they may take (empty when they may not handle the ticket)
 * @param accept      claim the ticket (a candidate while it awaits acceptance)
 * @param release     give an accepted ticket back to the other candidates
 * @param finishSign  give their opinion as an added signer
 * @param transfer    hand their part to someone else
 * @param addSign     ask someone to weigh in
 * @param sendBack    send the ticket back to a state it passed through (the acting participant, after the start)
 * @param withdraw    take the ticket back to the start state (the creator, where the current state allows it)
 * @param reassign    give the current state's work to others, or resolve its rule afresh (admins, after the start)
 * @param jump        move the ticket to any state (admins)
 * @param patchFields change field values outside a transition (the handling participant: editable fields; admins)
 * @param cc          copy others on the ticket (anyone related to it, admins)
 * @param remind      remind whoever must act (the creator after submitting, admins)
 * @param close       close the ticket (workflow admins, admin applications, the creator at the start state)
 * @param delete      soft-delete the ticket (admins)
 * @param comment     comment (everyone who may see the ticket)
 */
public record Actions(List<TransitionRef> transitions, boolean accept, boolean release, boolean finishSign,
                      boolean transfer, boolean addSign, boolean sendBack, boolean withdraw, boolean reassign,
                      boolean jump, boolean patchFields, boolean cc, boolean remind, boolean close, boolean delete,
                      boolean comment) {

    /** Whether the user may handle the ticket, and so edit its editable fields. */
    public boolean mayHandle() {
        return !transitions.isEmpty();
    }

    public static Actions of(TicketView view) {
        TicketSnapshot ticket = view.ticket();
        if (ticket.status() == TicketStatus.DELETED || view.viewerOnly()) {
            // ticket-command answers every command on a deleted ticket like an unknown one, and a viewer reads only
            return new Actions(List.of(), false, false, false, false, false, false, false, false, false, false, false,
                    false, false, false, false);
        }
        if (!ticket.status().open()) {
            boolean cc = view.relation().any() || view.administers();
            boolean delete = view.administers();
            return new Actions(List.of(), false, false, false, false, false, false, false, false, false, false, cc,
                    false, false, delete, true);
        }
        String user = view.user();
        Assignment assignment = ticket.assignment();
        boolean participant = assignment.includes(user);
        Map<String, TransitionRef> transitions = new LinkedHashMap<>();
        boolean accept = false;
        boolean finishSign = false;
        boolean delegate = false;
        boolean release = false;
        if (participant && assignment.signRequestedBy() != null) {
            finishSign = true;
        } else if (participant && assignment.awaitingAccept()) {
            accept = true;
        } else if (participant) {
            outgoing(view, transitions);
            delegate = true;
            release = !assignment.pool().isEmpty();
        }
        boolean close = view.administers();
        boolean atStart = ticket.state().type() == StateType.START;
        if (atStart && user.equals(ticket.creator())) {
            outgoing(view, transitions);
            close = true;
        }
        boolean withdraw = !atStart && user.equals(ticket.creator()) && view.definition()
                .state(ticket.state().key()).map(StateDef::withdrawable).orElse(false);
        boolean admin = view.administers();
        boolean cc = participant || view.relation().any() || admin;
        boolean remind = !atStart && (user.equals(ticket.creator()) || admin) && !assignment.users().isEmpty();
        return new Actions(List.copyOf(transitions.values()), accept, release, finishSign, delegate, delegate,
                delegate && !atStart, withdraw, admin && !atStart, admin, delegate || admin, cc, remind, close, admin,
                true);
    }

    private static void outgoing(TicketView view, Map<String, TransitionRef> into) {
        view.definition().transitionsFrom(view.ticket().state().key())
                .forEach(t -> into.putIfAbsent(t.key(), TransitionRef.of(t)));
    }
}
