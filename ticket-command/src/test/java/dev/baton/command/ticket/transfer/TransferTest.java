package dev.baton.command.ticket.transfer;

import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.command.TransferTicket;
import dev.baton.api.ticket.event.TicketTransferred;
import dev.baton.api.workflow.Distribution;
import dev.baton.command.ticket.Ticket;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.baton.command.ticket.TicketFixtures.APP;
import static dev.baton.command.ticket.TicketFixtures.ID;
import static dev.baton.command.ticket.TicketFixtures.NOW;
import static dev.baton.command.ticket.TicketFixtures.created;
import static dev.baton.command.ticket.TicketFixtures.newFixture;
import static dev.baton.command.ticket.TicketFixtures.refused;
import static dev.baton.command.ticket.TicketFixtures.submitted;

/** Transferring a held ticket to another active user. */
class TransferTest {
    FixtureConfiguration<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    @Test
    void handsTheTicketToAnotherUser() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(new TransferTicket(ID, "lena", APP, "bob", "on leave", null))
                .expectEvents(new TicketTransferred(ID, "lena", NOW, "bob", "on leave",
                        new Assignment(Distribution.ANY_ONE, List.of("bob"), false, List.of(), null)));
    }

    @Test
    void refusesAnUnknownTarget() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(new TransferTicket(ID, "lena", APP, "nobody", null, null))
                .expectException(refused(ErrorCode.USER_NOT_FOUND));
    }

    @Test
    void refusesAnInactiveTarget() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(new TransferTicket(ID, "lena", APP, "ghost", null, null))
                .expectException(refused(ErrorCode.USER_NOT_FOUND));
    }

    @Test
    void refusesATransferByANonParticipant() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(new TransferTicket(ID, "bob", APP, "sam", null, null))
                .expectException(refused(ErrorCode.NOT_A_PARTICIPANT));
    }

    @Test
    void refusesATransferOfADraft() {
        fixture.given(created(Map.of("days", 2L)))
                .when(new TransferTicket(ID, "alice", APP, "bob", null, null))
                .expectException(refused(ErrorCode.WRONG_STATE));
    }
}
