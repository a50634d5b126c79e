package dev.baton.command.ticket.remind;

import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.command.RemindTicket;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.ticket.event.TicketReminded;
import dev.baton.command.ticket.Ticket;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.baton.command.ticket.TicketFixtures.APP;
import static dev.baton.command.ticket.TicketFixtures.DONE;
import static dev.baton.command.ticket.TicketFixtures.ID;
import static dev.baton.command.ticket.TicketFixtures.NOW;
import static dev.baton.command.ticket.TicketFixtures.OPS;
import static dev.baton.command.ticket.TicketFixtures.created;
import static dev.baton.command.ticket.TicketFixtures.givenAcceptedAtOps;
import static dev.baton.command.ticket.TicketFixtures.newFixture;
import static dev.baton.command.ticket.TicketFixtures.refused;
import static dev.baton.command.ticket.TicketFixtures.submitted;
import static dev.baton.command.ticket.TicketFixtures.t;

/** Reminding whoever must act now: who may, and while the ticket is submitted and open. */
class RemindTest {
    FixtureConfiguration<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    @Test
    void theCreatorRemindsWhoeverMustActNow() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(new RemindTicket(ID, "alice", APP, "any news?", null))
                .expectEvents(new TicketReminded(ID, "alice", NOW, List.of("lena"), "any news?"));
    }

    @Test
    void refusesAnyoneButTheCreatorOrAnAdmin() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(new RemindTicket(ID, "bob", APP, null, null))
                .expectNoEvents()
                .expectException(refused(ErrorCode.CREATOR_REQUIRED));
    }

    @Test
    void refusesADraftOrAnEndedTicket() {
        fixture.given(created(Map.of("days", 2L)))
                .when(new RemindTicket(ID, "alice", APP, null, null))
                .expectException(refused(ErrorCode.WRONG_STATE));
        givenAcceptedAtOps(new TicketHandled(ID, "ops3", NOW, t("complete"), OPS, DONE, Map.of(), null,
                        Assignment.nobody(), TicketStatus.FINISHED))
                .when(new RemindTicket(ID, "alice", APP, null, null))
                .expectException(refused(ErrorCode.WRONG_STATE));
    }
}
