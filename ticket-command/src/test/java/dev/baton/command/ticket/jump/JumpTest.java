package dev.baton.command.ticket.jump;

import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.command.JumpTicket;
import dev.baton.api.ticket.event.TicketJumped;
import dev.baton.api.workflow.Distribution;
import dev.baton.command.ticket.Ticket;
import dev.baton.command.ticket.TicketFixtures;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.baton.command.ticket.TicketFixtures.APP;
import static dev.baton.command.ticket.TicketFixtures.DIRECTOR;
import static dev.baton.command.ticket.TicketFixtures.DIRECTORS;
import static dev.baton.command.ticket.TicketFixtures.DONE;
import static dev.baton.command.ticket.TicketFixtures.DRAFT;
import static dev.baton.command.ticket.TicketFixtures.ID;
import static dev.baton.command.ticket.TicketFixtures.LEADER;
import static dev.baton.command.ticket.TicketFixtures.NOW;
import static dev.baton.command.ticket.TicketFixtures.OPS;
import static dev.baton.command.ticket.TicketFixtures.created;
import static dev.baton.command.ticket.TicketFixtures.leaderApproved;
import static dev.baton.command.ticket.TicketFixtures.newFixture;
import static dev.baton.command.ticket.TicketFixtures.refused;
import static dev.baton.command.ticket.TicketFixtures.submitted;

/** An admin moving a ticket to any other state. */
class JumpTest {
    static final String CONSOLE = "console";

    static JumpTicket jump(String actor, String app, String to) {
        return new JumpTicket(ID, actor, app, to, "fixing a mistake", null);
    }

    FixtureConfiguration<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    @Test
    void movesTheTicketToAnyStateWithItsParticipantsResolvedAfresh() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(jump("admin", APP, "director_approval"))
                .expectEvents(new TicketJumped(ID, "admin", NOW, LEADER, DIRECTOR, "fixing a mistake",
                        Assignment.of(Distribution.ACCEPT_FIRST, DIRECTORS), TicketStatus.IN_PROGRESS));
    }

    @Test
    void toAnEndStateFinishesTheTicket() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()), leaderApproved(2))
                .when(jump("root", CONSOLE, "done"))
                .expectEvents(new TicketJumped(ID, "root", NOW, OPS, DONE, "fixing a mistake",
                        Assignment.nobody(), TicketStatus.FINISHED));
    }

    @Test
    void toTheStartStateGivesTheDraftBackToTheCreator() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(jump("admin", APP, "draft"))
                .expectEvents(new TicketJumped(ID, "admin", NOW, LEADER, DRAFT, "fixing a mistake",
                        Assignment.of(Distribution.ANY_ONE, List.of("alice")), TicketStatus.DRAFT));
    }

    @Test
    void theParticipantsOfTheNewStateMayActThere() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()),
                        new TicketJumped(ID, "admin", NOW, LEADER, OPS, null,
                                Assignment.of(Distribution.ACCEPT_FIRST, List.of("ops1")), TicketStatus.IN_PROGRESS))
                .when(TicketFixtures.handle("ops1", "complete", Map.of()))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void refusesAnUnknownOrTheCurrentState() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(jump("admin", APP, "nowhere"))
                .expectException(refused(ErrorCode.INVALID_INPUT));
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(jump("admin", APP, "leader_approval"))
                .expectException(refused(ErrorCode.INVALID_INPUT));
    }

    @Test
    void refusesAUserWhoIsNotAnAdmin() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(jump("alice", APP, "done"))
                .expectNoEvents()
                .expectException(refused(ErrorCode.ADMIN_REQUIRED));
    }

    @Test
    void refusesAnEndedTicket() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()),
                        new TicketJumped(ID, "admin", NOW, LEADER, DONE, null, Assignment.nobody(),
                                TicketStatus.FINISHED))
                .when(jump("admin", APP, "draft"))
                .expectNoEvents()
                .expectException(refused(ErrorCode.WRONG_STATE));
    }
}
