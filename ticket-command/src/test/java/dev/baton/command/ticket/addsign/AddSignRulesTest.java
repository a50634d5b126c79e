package dev.baton.command.ticket.addsign;

import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.command.AddSign;
import dev.baton.api.ticket.command.FinishSign;
import dev.baton.api.ticket.event.SignAdded;
import dev.baton.api.ticket.event.SignFinished;
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
import static dev.baton.command.ticket.TicketFixtures.handle;
import static dev.baton.command.ticket.TicketFixtures.newFixture;
import static dev.baton.command.ticket.TicketFixtures.refused;
import static dev.baton.command.ticket.TicketFixtures.submitted;

/** Add-sign's limits: who may ask, how many, and where. */
class AddSignRulesTest {
    FixtureConfiguration<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    final SignAdded askedBob = new SignAdded(ID, "lena", NOW, "bob", "your view?",
            new Assignment(Distribution.ANY_ONE, List.of("bob"), false, List.of(), "lena"));

    @Test
    void asksAnotherUserToWeighIn() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(new AddSign(ID, "lena", APP, "bob", "your view?", null))
                .expectEvents(askedBob);
    }

    @Test
    void returnsToTheAskerWhenTheSignerFinishes() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()), askedBob)
                .when(new FinishSign(ID, "bob", APP, "fine by me", null))
                .expectEvents(new SignFinished(ID, "bob", NOW, "lena", "fine by me",
                        Assignment.of(Distribution.ANY_ONE, List.of("lena"))));
    }

    @Test
    void refusesHandlingWhileAnAddSignIsOpen() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()), askedBob)
                .when(handle("bob", "leader_approve", Map.of()))
                .expectException(refused(ErrorCode.WRONG_STATE));
    }

    @Test
    void refusesFinishingWhenNoAddSignIsOpen() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(new FinishSign(ID, "lena", APP, null, null))
                .expectException(refused(ErrorCode.WRONG_STATE));
    }

    @Test
    void refusesFinishingByTheAsker() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()), askedBob)
                .when(new FinishSign(ID, "lena", APP, null, null))
                .expectException(refused(ErrorCode.NOT_A_PARTICIPANT));
    }
}
