package dev.baton.command.ticket.delete;

import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.command.DeleteTicket;
import dev.baton.api.ticket.event.TicketDeleted;
import dev.baton.api.ticket.event.TicketJumped;
import dev.baton.command.ticket.Ticket;
import dev.baton.command.ticket.TicketFixtures;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.baton.command.ticket.TicketFixtures.APP;
import static dev.baton.command.ticket.TicketFixtures.DONE;
import static dev.baton.command.ticket.TicketFixtures.ID;
import static dev.baton.command.ticket.TicketFixtures.LEADER;
import static dev.baton.command.ticket.TicketFixtures.NOW;
import static dev.baton.command.ticket.TicketFixtures.created;
import static dev.baton.command.ticket.TicketFixtures.newFixture;
import static dev.baton.command.ticket.TicketFixtures.refused;
import static dev.baton.command.ticket.TicketFixtures.submitted;

/** Soft deletion by an admin, after which the ticket answers every command like an unknown one. */
class DeleteTest {
    static final String CONSOLE = "console";

    FixtureConfiguration<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    @Test
    void anAdminSoftDeletesATicketInAnyStatus() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(new DeleteTicket(ID, "admin", APP, "test data", null))
                .expectEvents(new TicketDeleted(ID, "admin", NOW, "test data"));
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()),
                        new TicketJumped(ID, "admin", NOW, LEADER, DONE, null, Assignment.nobody(),
                                TicketStatus.FINISHED))
                .when(new DeleteTicket(ID, "root", CONSOLE, null, null))
                .expectEvents(new TicketDeleted(ID, "root", NOW, null));
    }

    @Test
    void aDeletedTicketAnswersEveryCommandLikeAnUnknownOne() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()), new TicketDeleted(ID, "admin", NOW, null))
                .when(TicketFixtures.handle("lena", "leader_approve", Map.of()))
                .expectNoEvents()
                .expectException(refused(ErrorCode.TICKET_NOT_FOUND));
        fixture.given(created(Map.of("days", 2L)), new TicketDeleted(ID, "admin", NOW, null))
                .when(new DeleteTicket(ID, "admin", APP, null, null))
                .expectException(refused(ErrorCode.TICKET_NOT_FOUND));
    }

    @Test
    void refusesAUserWhoIsNotAnAdmin() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(new DeleteTicket(ID, "alice", APP, null, null))
                .expectNoEvents()
                .expectException(refused(ErrorCode.ADMIN_REQUIRED));
    }
}
