package dev.baton.command.ticket.transfer;

import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.command.ReassignTicket;
import dev.baton.api.ticket.event.CountersignRecorded;
import dev.baton.api.ticket.event.SignAdded;
import dev.baton.api.ticket.event.TicketReassigned;
import dev.baton.api.workflow.Distribution;
import dev.baton.command.ticket.Ticket;
import dev.baton.command.ticket.TicketFixtures;
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

/** An admin giving the current state's work to others, or resolving its rule afresh. */
class ReassignTest {
    static final String CONSOLE = "console";

    static ReassignTicket reassign(String actor, String app, List<String> to) {
        return new ReassignTicket(ID, actor, app, to, "lena is on leave", null);
    }

    FixtureConfiguration<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    @Test
    void aWorkflowAdminGivesTheWorkToNamedUsers() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(reassign("admin", APP, List.of("bob")))
                .expectEvents(new TicketReassigned(ID, "admin", NOW, List.of("lena"), false, "lena is on leave",
                        Assignment.of(Distribution.ANY_ONE, List.of("bob"))));
    }

    @Test
    void withoutNamesTheStateIsResolvedAfresh() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()), leaderApproved(2),
                        new TicketReassigned(ID, "admin", NOW, OPS_TEAM, false, null,
                                Assignment.of(Distribution.ACCEPT_FIRST, List.of("bob"))))
                .when(reassign("root", CONSOLE, List.of()))
                .expectEvents(new TicketReassigned(ID, "root", NOW, List.of("bob"), true, "lena is on leave",
                        Assignment.of(Distribution.ACCEPT_FIRST, OPS_TEAM)));
    }

    @Test
    void inACountersignOnlyThoseStillToVoteAreReplaced() {
        fixture.given(TicketFixtures.COUNTERSIGN_CREATED, TicketFixtures.COUNTERSIGN_IN_REVIEW,
                        new CountersignRecorded(ID, "lena", NOW, TicketFixtures.APPROVE, TicketFixtures.REVIEW, Map.of(),
                                null, new Assignment(Distribution.ALL, List.of("sam"), false, List.of("lena"), null)))
                .when(reassign("root", CONSOLE, List.of("lena", "bob")))
                .expectEvents(new TicketReassigned(ID, "root", NOW, List.of("sam"), false, "lena is on leave",
                        new Assignment(Distribution.ALL, List.of("bob"), false, List.of("lena"), null)));
    }

    @Test
    void replacesAnOpenAddSign() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()),
                        new SignAdded(ID, "lena", NOW, "sue", null,
                                new Assignment(Distribution.ANY_ONE, List.of("sue"), false, List.of(), "lena")))
                .when(reassign("admin", APP, List.of("bob")))
                .expectEvents(new TicketReassigned(ID, "admin", NOW, List.of("sue"), false, "lena is on leave",
                        Assignment.of(Distribution.ANY_ONE, List.of("bob"))));
    }

    @Test
    void refusesAUserWhoIsNotAnAdmin() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(reassign("lena", APP, List.of("bob")))
                .expectNoEvents()
                .expectException(refused(ErrorCode.ADMIN_REQUIRED));
    }

    @Test
    void refusesAnInactiveOrUnknownUser() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                .when(reassign("admin", APP, List.of("bob", "ghost")))
                .expectNoEvents()
                .expectException(refused(ErrorCode.USER_NOT_FOUND));
    }

    @Test
    void refusesADraft() {
        fixture.given(created(Map.of("days", 2L)))
                .when(reassign("admin", APP, List.of("bob")))
                .expectNoEvents()
                .expectException(refused(ErrorCode.WRONG_STATE));
    }
}
