package dev.baton.command.ticket.create;

import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.command.CreateTicket;
import dev.baton.command.ticket.Ticket;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.baton.command.ticket.TicketFixtures.APP;
import static dev.baton.command.ticket.TicketFixtures.ID;
import static dev.baton.command.ticket.TicketFixtures.create;
import static dev.baton.command.ticket.TicketFixtures.created;
import static dev.baton.command.ticket.TicketFixtures.newFixture;
import static dev.baton.command.ticket.TicketFixtures.refused;
import static dev.baton.command.ticket.TicketFixtures.submitted;

/** Creating a ticket: a draft with its creator, or submitted at once; its fields and title checked. */
class CreateTest {
    FixtureConfiguration<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    @Test
    void savesADraftWithTheCreatorWhenNoTransitionIsGiven() {
        fixture.givenNoPriorActivity()
                .when(create(Map.of("days", 2), null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created(Map.of("days", 2L)));
    }

    @Test
    void submitsToTheCreatorsDepartmentLeader() {
        fixture.givenNoPriorActivity()
                .when(create(Map.of("days", 2, "reason", "rest"), "submit"))
                .expectEvents(created(Map.of("days", 2L, "reason", "rest")), submitted(Map.of()));
    }

    @Test
    void refusesSubmitWhenARequiredFieldIsMissing() {
        fixture.givenNoPriorActivity()
                .when(create(Map.of("reason", "rest"), "submit"))
                .expectNoEvents()
                .expectException(refused(ErrorCode.REQUIRED_FIELD_MISSING));
    }

    @Test
    void keepsADraftWithoutRequiredFields() {
        fixture.givenNoPriorActivity()
                .when(create(Map.of(), null))
                .expectEvents(created(Map.of()));
    }

    @Test
    void refusesAValueOfTheWrongType() {
        fixture.givenNoPriorActivity()
                .when(create(Map.of("days", "three"), "submit"))
                .expectNoEvents()
                .expectException(refused(ErrorCode.INVALID_FIELD_VALUE));
    }

    @Test
    void refusesAnUnknownField() {
        fixture.givenNoPriorActivity()
                .when(create(Map.of("days", 1, "salary", 5), "submit"))
                .expectException(refused(ErrorCode.UNKNOWN_FIELD));
    }

    @Test
    void refusesAFieldNotEditableAtTheStartState() {
        fixture.givenNoPriorActivity()
                .when(create(Map.of("days", 1, "ops_note", "x"), "submit"))
                .expectException(refused(ErrorCode.FIELD_READ_ONLY));
    }

    @Test
    void refusesACallerNotGrantedTheWorkflow() {
        fixture.givenNoPriorActivity()
                .when(new CreateTicket(ID, "leave-request", "Leave", "alice", "crm", Map.of(), null, null))
                .expectException(refused(ErrorCode.WORKFLOW_NOT_GRANTED));
    }

    @Test
    void refusesAnUnknownWorkflow() {
        fixture.givenNoPriorActivity()
                .when(new CreateTicket(ID, "nope", "Leave", "alice", "console", Map.of(), null, null))
                .expectException(refused(ErrorCode.WORKFLOW_NOT_FOUND));
    }

    @Test
    void refusesATransitionThatDoesNotLeaveTheStartState() {
        fixture.givenNoPriorActivity()
                .when(create(Map.of("days", 1), "complete"))
                .expectException(refused(ErrorCode.TRANSITION_NOT_AVAILABLE));
    }

    @Test
    void refusesSubmitWhenTheNextStateResolvesToNobody() {
        fixture.givenNoPriorActivity()
                .when(new CreateTicket(ID, "leave-request", "Leave", "stranger", APP, Map.of("days", 1),
                        "submit", null))
                .expectNoEvents()
                .expectException(refused(ErrorCode.NO_PARTICIPANTS));
    }

    @Test
    void refusesABlankTitle() {
        fixture.givenNoPriorActivity()
                .when(new CreateTicket(ID, "leave-request", " ", "alice", APP, Map.of(), null, null))
                .expectException(refused(ErrorCode.INVALID_INPUT));
    }
}
