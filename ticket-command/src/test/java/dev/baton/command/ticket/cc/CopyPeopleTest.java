package dev.baton.command.ticket.cc;

import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.command.CcTicket;
import dev.baton.api.ticket.event.TicketCopied;
import dev.baton.api.ticket.event.TicketHandled;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.baton.command.ticket.TicketFixtures.APP;
import static dev.baton.command.ticket.TicketFixtures.DONE;
import static dev.baton.command.ticket.TicketFixtures.ID;
import static dev.baton.command.ticket.TicketFixtures.NOW;
import static dev.baton.command.ticket.TicketFixtures.OPS;
import static dev.baton.command.ticket.TicketFixtures.givenAcceptedAtOps;
import static dev.baton.command.ticket.TicketFixtures.refused;
import static dev.baton.command.ticket.TicketFixtures.t;

/** Copying people on a ticket: who may, whom, and when. */
class CopyPeopleTest {
    @Test
    void anyoneRelatedCopiesActiveUsers() {
        givenAcceptedAtOps()
                .when(new CcTicket(ID, "alice", APP, List.of("sue", "bob", "sue"), "for your calendar", null))
                .expectEvents(new TicketCopied(ID, "alice", NOW, List.of("sue", "bob"), "for your calendar"));
    }

    @Test
    void aFinishedTicketCanStillBeShared() {
        givenAcceptedAtOps(new TicketHandled(ID, "ops3", NOW, t("complete"), OPS, DONE, Map.of(), null,
                        Assignment.nobody(), TicketStatus.FINISHED))
                .when(new CcTicket(ID, "ops3", APP, List.of("sue"), null, null))
                .expectEvents(new TicketCopied(ID, "ops3", NOW, List.of("sue"), null));
    }

    @Test
    void refusesSomeoneUnrelatedToTheTicket() {
        givenAcceptedAtOps().when(new CcTicket(ID, "sam", APP, List.of("sue"), null, null))
                .expectNoEvents()
                .expectException(refused(ErrorCode.NOT_ALLOWED_TO_VIEW));
    }

    @Test
    void refusesNobodyOrAnInactiveUser() {
        givenAcceptedAtOps().when(new CcTicket(ID, "alice", APP, List.of(), null, null))
                .expectException(refused(ErrorCode.INVALID_INPUT));
        givenAcceptedAtOps().when(new CcTicket(ID, "alice", APP, List.of("ghost"), null, null))
                .expectException(refused(ErrorCode.USER_NOT_FOUND));
    }
}
