package dev.baton.api.ticket.event;

import java.time.Instant;

/**
 * A fact about one ticket. Every event names the ticket, the user who caused it and when. Events that change who must
 * act carry the whole new {@link dev.baton.api.ticket.Assignment}, so no consumer needs the definition or the
 * directory to follow a ticket.
 */
public sealed interface TicketEvent
        permits TicketCreated, TicketHandled, CountersignRecorded, TicketAccepted, TicketTransferred, SignAdded,
        SignFinished, TicketClosed, CommentAdded, TicketReleased, TicketWithdrawn, TicketSentBack, TicketReassigned,
        TicketJumped, FieldsPatched, TicketCopied, TicketReminded, TicketDeleted, TicketMigrated, ChildrenRequested,
        ChildEnded, ParticipantsRequested, ParticipantsResolved, TimersScheduled, TimerFired, HookRequested,
        HookAnswered {
    /** The actor of what Baton does by itself, such as moving a parent on when its children have ended. */
    String SYSTEM_ACTOR = "baton";

    String ticketId();

    String actor();

    Instant at();
}
