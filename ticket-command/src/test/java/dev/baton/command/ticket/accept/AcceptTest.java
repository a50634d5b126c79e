package dev.baton.command.ticket.accept;

import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.command.AcceptTicket;
import dev.baton.api.ticket.event.TicketAccepted;
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
import static dev.baton.command.ticket.TicketFixtures.OPS_TEAM;
import static dev.baton.command.ticket.TicketFixtures.created;
import static dev.baton.command.ticket.TicketFixtures.leaderApproved;
import static dev.baton.command.ticket.TicketFixtures.newFixture;
import static dev.baton.command.ticket.TicketFixtures.refused;
import static dev.baton.command.ticket.TicketFixtures.submitted;

/** Accepting a ticket offered to several candidates. */
class AcceptTest {
    FixtureConfiguration<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    @Test
    void makesTheTicketTheAcceptorsAloneAndRemembersTheCandidates() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()), leaderApproved(2))
                .when(new AcceptTicket(ID, "ops2", APP, null))
                .expectEvents(new TicketAccepted(ID, "ops2", NOW, new Assignment(Distribution.ACCEPT_FIRST,
                        List.of("ops2"), false, List.of(), null, List.of(), OPS_TEAM)));
    }

    @Test
    void refusesAUserWhoIsNotACandidate() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()), leaderApproved(2))
                .when(new AcceptTicket(ID, "alice", APP, null))
                .expectException(refused(ErrorCode.NOT_A_PARTICIPANT));
    }

    @Test
    void refusesASecondAcceptOfTheSameTicket() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()), leaderApproved(2),
                        new TicketAccepted(ID, "ops2", NOW, new Assignment(Distribution.ACCEPT_FIRST, List.of("ops2"), false, List.of(), null)))
                .when(new AcceptTicket(ID, "ops2", APP, null))
                .expectException(refused(ErrorCode.WRONG_STATE));
    }

    @Test
    void refusesAnotherCandidateOnceOneAcceptedAsAConflict() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()), leaderApproved(2),
                        new TicketAccepted(ID, "ops2", NOW, new Assignment(Distribution.ACCEPT_FIRST, List.of("ops2"), false, List.of(), null)))
                .when(new AcceptTicket(ID, "ops4", APP, null))
                .expectException(refused(ErrorCode.CONCURRENT_MODIFICATION));
    }

    @Test
    void refusesAcceptWhenNothingIsOffered() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(new AcceptTicket(ID, "lena", APP, null))
                .expectException(refused(ErrorCode.WRONG_STATE));
    }
}
