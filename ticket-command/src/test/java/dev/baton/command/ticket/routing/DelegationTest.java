package dev.baton.command.ticket.routing;

import dev.baton.api.directory.Delegation;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.command.AcceptTicket;
import dev.baton.api.ticket.command.ReassignTicket;
import dev.baton.api.ticket.event.TicketAccepted;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.ticket.event.TicketReassigned;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.PublishedWorkflow;
import dev.baton.command.ticket.Ticket;
import dev.baton.command.ticket.TicketFixtures;
import dev.baton.engine.BatonJson;
import dev.baton.engine.Demo;
import dev.baton.engine.InMemoryDirectory;
import dev.baton.testing.Definitions;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.baton.command.ticket.TicketFixtures.APP;
import static dev.baton.command.ticket.TicketFixtures.DRAFT;
import static dev.baton.command.ticket.TicketFixtures.ID;
import static dev.baton.command.ticket.TicketFixtures.LEADER;
import static dev.baton.command.ticket.TicketFixtures.NOW;
import static dev.baton.command.ticket.TicketFixtures.OPS;
import static dev.baton.command.ticket.TicketFixtures.OPS_TEAM;
import static dev.baton.command.ticket.TicketFixtures.create;
import static dev.baton.command.ticket.TicketFixtures.created;
import static dev.baton.command.ticket.TicketFixtures.handle;
import static dev.baton.command.ticket.TicketFixtures.submitted;
import static dev.baton.command.ticket.TicketFixtures.t;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delegation: while a user's delegation covers the workflow and the moment, the work their rules give them goes to
 * the delegate, recorded as "delegate for delegator"; outside the window, for other workflows, for an inactive
 * delegate or where the workflow forbids it, it does not. Given earlier events, when a command, expect events.
 */
class DelegationTest {
    static final Delegation LENA_TO_BOB = new Delegation("d-1", "lena", "bob", NOW.minus(Duration.ofDays(1)),
            NOW.plus(Duration.ofDays(7)), List.of("leave-request"), "holiday", "lena");

    static FixtureConfiguration<Ticket> fixture(boolean forbidden, Delegation... delegations) {
        InMemoryDirectory directory = InMemoryDirectory.of(Demo.directory());
        for (Delegation d : delegations) {
            directory.putDelegation(d);
        }
        return TicketFixtures.fixture(List.of(new PublishedWorkflow("leave-request", 1, NOW, "admin",
                        Definitions.withDelegationForbidden(TicketFixtures.LEAVE, forbidden))),
                TicketFixtures.oa("leave-request"),
                (distribution, workflow, state, candidates) -> candidates.get(0),
                (workflow, creator, ticket, limit, now) -> { }, directory);
    }

    static TicketHandled submittedTo(Assignment assignment) {
        return new TicketHandled(ID, "alice", NOW, t("submit"), DRAFT, LEADER, Map.of(), "please", assignment,
                TicketStatus.IN_PROGRESS);
    }

    @Test
    void theDelegateTakesTheDelegatorsPlaceForTheCoveredWorkflow() {
        fixture(false, LENA_TO_BOB).givenNoPriorActivity()
                .when(create(Map.of("days", 2), "submit"))
                .expectEvents(created(Map.of("days", 2L)), submittedTo(Assignment.of(Distribution.ANY_ONE,
                        List.of("bob")).withOnBehalfOf(Map.of("bob", "lena"))));
    }

    @Test
    void theDelegateActsAndTheDelegationIsGoneWithTheState() {
        Assignment bobForLena = Assignment.of(Distribution.ANY_ONE, List.of("bob"))
                .withOnBehalfOf(Map.of("bob", "lena"));
        fixture(false, LENA_TO_BOB).given(created(Map.of("days", 2L)), submittedTo(bobForLena))
                .when(handle("bob", "leader_approve", Map.of()))
                .expectEvents(new TicketHandled(ID, "bob", NOW, t("leader_approve"), LEADER, OPS, Map.of(), null,
                        Assignment.of(Distribution.ACCEPT_FIRST, OPS_TEAM), TicketStatus.IN_PROGRESS));
    }

    @Test
    void aWorkflowThatForbidsDelegationKeepsTheRulesUser() {
        fixture(true, LENA_TO_BOB).givenNoPriorActivity()
                .when(create(Map.of("days", 2), "submit"))
                .expectEvents(created(Map.of("days", 2L)), submitted(Map.of()));
    }

    @Test
    void aDelegationForOtherWorkflowsDoesNotApply() {
        fixture(false, new Delegation("d-2", "lena", "bob", LENA_TO_BOB.from(), LENA_TO_BOB.until(),
                List.of("expenses"), null, "lena")).givenNoPriorActivity()
                .when(create(Map.of("days", 2), "submit"))
                .expectEvents(created(Map.of("days", 2L)), submitted(Map.of()));
    }

    @Test
    void aDelegationOutsideItsWindowDoesNotApply() {
        fixture(false, new Delegation("d-3", "lena", "bob", NOW.plus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(2)), List.of(), null, "lena"),
                new Delegation("d-4", "lena", "sue", NOW.minus(Duration.ofDays(2)), NOW, List.of(), null, "lena"))
                .givenNoPriorActivity()
                .when(create(Map.of("days", 2), "submit"))
                .expectEvents(created(Map.of("days", 2L)), submitted(Map.of()));
    }

    @Test
    void aDelegationToAnInactiveUserDoesNotApply() {
        fixture(false, new Delegation("d-5", "lena", "ghost", LENA_TO_BOB.from(), LENA_TO_BOB.until(), List.of(),
                null, "lena")).givenNoPriorActivity()
                .when(create(Map.of("days", 2), "submit"))
                .expectEvents(created(Map.of("days", 2L)), submitted(Map.of()));
    }

    @Test
    void everyDelegatingCandidateOfAPoolIsReplacedAndTheAcceptorKeepsTheirMark() {
        Delegation ops1ToSue = new Delegation("d-6", "ops1", "sue", LENA_TO_BOB.from(), LENA_TO_BOB.until(),
                List.of(), null, "ops1");
        List<String> pool = List.of("sue", "ops2", "ops3", "ops4", "ops5");
        Assignment offered = Assignment.of(Distribution.ACCEPT_FIRST, pool).withOnBehalfOf(Map.of("sue", "ops1"));
        fixture(false, ops1ToSue).given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(handle("lena", "leader_approve", Map.of()))
                .expectEvents(new TicketHandled(ID, "lena", NOW, t("leader_approve"), LEADER, OPS, Map.of(), null,
                        offered, TicketStatus.IN_PROGRESS));
        fixture(false, ops1ToSue).given(created(Map.of("days", 2L)), submitted(Map.of()),
                        new TicketHandled(ID, "lena", NOW, t("leader_approve"), LEADER, OPS, Map.of(), null,
                                offered, TicketStatus.IN_PROGRESS))
                .when(new AcceptTicket(ID, "sue", APP, null))
                .expectEvents(new TicketAccepted(ID, "sue", NOW, new Assignment(Distribution.ACCEPT_FIRST,
                        List.of("sue"), false, List.of(), null, List.of(), pool, Map.of("sue", "ops1"))));
    }

    @Test
    void reResolvingAfterADelegationStartsHandsTheWorkToTheDelegate() {
        fixture(false, LENA_TO_BOB).given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(new ReassignTicket(ID, "admin", APP, List.of(), "lena is away", null))
                .expectEvents(new TicketReassigned(ID, "admin", NOW, List.of("lena"), true, "lena is away",
                        Assignment.of(Distribution.ANY_ONE, List.of("bob")).withOnBehalfOf(Map.of("bob", "lena"))));
    }

    @Test
    void theDelegationTravelsInTheAssignmentAndIsLeftOutWhenThereIsNone() {
        assertThat(BatonJson.compactMapper().valueToTree(Assignment.of(Distribution.ANY_ONE, List.of("bob"))
                .withOnBehalfOf(Map.of("bob", "lena"))).toString())
                .isEqualTo("{\"distribution\":\"ANY_ONE\",\"users\":[\"bob\"],\"awaitingAccept\":false,"
                        + "\"onBehalfOf\":{\"bob\":\"lena\"}}");
        assertThat(BatonJson.compactMapper().valueToTree(Assignment.of(Distribution.ANY_ONE, List.of("bob")))
                .has("onBehalfOf")).isFalse();
    }
}
