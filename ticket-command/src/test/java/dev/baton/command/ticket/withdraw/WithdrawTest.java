package dev.baton.command.ticket.withdraw;

import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.command.WithdrawTicket;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.ticket.event.TicketWithdrawn;
import dev.baton.api.workflow.Distribution;
import dev.baton.command.ticket.Ticket;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.baton.command.ticket.TicketFixtures.APP;
import static dev.baton.command.ticket.TicketFixtures.DRAFT;
import static dev.baton.command.ticket.TicketFixtures.ID;
import static dev.baton.command.ticket.TicketFixtures.LEADER;
import static dev.baton.command.ticket.TicketFixtures.NOW;
import static dev.baton.command.ticket.TicketFixtures.created;
import static dev.baton.command.ticket.TicketFixtures.handle;
import static dev.baton.command.ticket.TicketFixtures.leaderApproved;
import static dev.baton.command.ticket.TicketFixtures.newFixture;
import static dev.baton.command.ticket.TicketFixtures.refused;
import static dev.baton.command.ticket.TicketFixtures.submitted;
import static dev.baton.command.ticket.TicketFixtures.t;

/** Withdrawing a submitted ticket back to its draft, where the state allows. */
class WithdrawTest {
    static final Assignment WITH_ALICE = Assignment.of(Distribution.ANY_ONE, List.of("alice"));
    static final Assignment WITH_LENA = Assignment.of(Distribution.ANY_ONE, List.of("lena"));

    FixtureConfiguration<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    @Test
    void theCreatorTakesTheTicketBackToTheDraftWhereTheStateAllows() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(new WithdrawTicket(ID, "alice", APP, "wrong dates", null))
                .expectEvents(new TicketWithdrawn(ID, "alice", NOW, LEADER, DRAFT, "wrong dates", WITH_ALICE));
    }

    @Test
    void aWithdrawnTicketIsSubmittedThroughTheWholeFlowAgain() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()),
                        new TicketWithdrawn(ID, "alice", NOW, LEADER, DRAFT, null, WITH_ALICE))
                .when(handle("alice", "submit", Map.of()))
                .expectEvents(new TicketHandled(ID, "alice", NOW, t("submit"), DRAFT, LEADER, Map.of(), null,
                        WITH_LENA, TicketStatus.IN_PROGRESS));
    }

    @Test
    void refusesAnyoneButTheCreator() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(new WithdrawTicket(ID, "lena", APP, null, null))
                .expectNoEvents()
                .expectException(refused(ErrorCode.CREATOR_REQUIRED));
    }

    @Test
    void refusesWhereTheStateDoesNotAllowIt() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()), leaderApproved(2))
                .when(new WithdrawTicket(ID, "alice", APP, null, null))
                .expectNoEvents()
                .expectException(refused(ErrorCode.WRONG_STATE));
    }

    @Test
    void refusesADraftThatWasNeverSubmitted() {
        fixture.given(created(Map.of("days", 2L)))
                .when(new WithdrawTicket(ID, "alice", APP, null, null))
                .expectNoEvents()
                .expectException(refused(ErrorCode.WRONG_STATE));
    }
}
