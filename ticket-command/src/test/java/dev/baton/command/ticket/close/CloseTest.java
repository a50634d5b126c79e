package dev.baton.command.ticket.close;

import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.command.CloseTicket;
import dev.baton.api.ticket.event.TicketClosed;
import dev.baton.command.ticket.Ticket;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.baton.command.ticket.TicketFixtures.APP;
import static dev.baton.command.ticket.TicketFixtures.DRAFT;
import static dev.baton.command.ticket.TicketFixtures.ID;
import static dev.baton.command.ticket.TicketFixtures.LEADER;
import static dev.baton.command.ticket.TicketFixtures.NOW;
import static dev.baton.command.ticket.TicketFixtures.created;
import static dev.baton.command.ticket.TicketFixtures.newFixture;
import static dev.baton.command.ticket.TicketFixtures.refused;
import static dev.baton.command.ticket.TicketFixtures.submitted;

/** Closing a ticket: the creator a draft, an admin at any time, never twice. */
class CloseTest {
    FixtureConfiguration<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    @Test
    void theCreatorClosesADraft() {
        fixture.given(created(Map.of()))
                .when(new CloseTicket(ID, "alice", APP, "not needed", null))
                .expectEvents(new TicketClosed(ID, "alice", NOW, "not needed", DRAFT));
    }

    @Test
    void refusesTheCreatorClosingASubmittedTicket() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(new CloseTicket(ID, "alice", APP, null, null))
                .expectException(refused(ErrorCode.ADMIN_REQUIRED));
    }

    @Test
    void aWorkflowAdminClosesAtAnyTime() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(new CloseTicket(ID, "admin", APP, "duplicate", null))
                .expectEvents(new TicketClosed(ID, "admin", NOW, "duplicate", LEADER));
    }

    @Test
    void anAdminCallerClosesAtAnyTime() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(new CloseTicket(ID, "ops1", "console", null, null))
                .expectEvents(new TicketClosed(ID, "ops1", NOW, null, LEADER));
    }

    @Test
    void refusesClosingAClosedTicket() {
        fixture.given(created(Map.of()), new TicketClosed(ID, "alice", NOW, null, DRAFT))
                .when(new CloseTicket(ID, "alice", APP, null, null))
                .expectException(refused(ErrorCode.WRONG_STATE));
    }
}
