package dev.baton.notification.summary;

import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.event.*;

import java.util.Optional;

/** What an event says of its ticket's assignment, state and status, whichever event it is. */
public final class EventFacts {
    private EventFacts() {
    }

    /** The new assignment, for the events that change who must act. */
    public static Optional<Assignment> assignmentOf(TicketEvent event) {
        Assignment a = null;
        if (event instanceof TicketCreated e) {
            a = e.assignment();
        } else if (event instanceof TicketHandled e) {
            a = e.assignment();
        } else if (event instanceof CountersignRecorded e) {
            a = e.assignment();
        } else if (event instanceof TicketAccepted e) {
            a = e.assignment();
        } else if (event instanceof TicketTransferred e) {
            a = e.assignment();
        } else if (event instanceof SignAdded e) {
            a = e.assignment();
        } else if (event instanceof SignFinished e) {
            a = e.assignment();
        } else if (event instanceof TicketReleased e) {
            a = e.assignment();
        } else if (event instanceof TicketWithdrawn e) {
            a = e.assignment();
        } else if (event instanceof TicketSentBack e) {
            a = e.assignment();
        } else if (event instanceof TicketReassigned e) {
            a = e.assignment();
        } else if (event instanceof TicketJumped e) {
            a = e.assignment();
        } else if (event instanceof TicketMigrated e) {
            a = e.assignment();
        } else if (event instanceof ParticipantsResolved e) {
            a = e.assignment();
        }
        return Optional.ofNullable(a);
    }

    /** The state the ticket is in after the event, for the events that move it. */
    public static Optional<StateRef> stateAfter(TicketEvent event) {
        StateRef s = null;
        if (event instanceof TicketCreated e) {
            s = e.state();
        } else if (event instanceof TicketHandled e) {
            s = e.to();
        } else if (event instanceof TicketWithdrawn e) {
            s = e.to();
        } else if (event instanceof TicketSentBack e) {
            s = e.to();
        } else if (event instanceof TicketJumped e) {
            s = e.to();
        } else if (event instanceof TicketMigrated e) {
            s = e.to();
        }
        return Optional.ofNullable(s);
    }

    /** The ticket's status after the event, for the events that change it. */
    public static Optional<TicketStatus> statusAfter(TicketEvent event) {
        TicketStatus s = null;
        if (event instanceof TicketCreated e) {
            s = e.status();
        } else if (event instanceof TicketHandled e) {
            s = e.status();
        } else if (event instanceof TicketSentBack e) {
            s = e.status();
        } else if (event instanceof TicketJumped e) {
            s = e.status();
        } else if (event instanceof TicketWithdrawn) {
            s = TicketStatus.DRAFT;
        } else if (event instanceof TicketClosed) {
            s = TicketStatus.CLOSED;
        } else if (event instanceof TicketDeleted) {
            s = TicketStatus.DELETED;
        }
        return Optional.ofNullable(s);
    }
}
