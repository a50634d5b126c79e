package dev.baton.command.ticket;

import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.command.JumpTicket;
import dev.baton.api.ticket.command.MigrateTicket;
import dev.baton.api.ticket.command.ReassignTicket;
import dev.baton.api.ticket.event.CountersignRecorded;
import dev.baton.api.ticket.event.SignAdded;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.ticket.event.TicketJumped;
import dev.baton.api.ticket.event.TicketMigrated;
import dev.baton.api.ticket.event.TicketReassigned;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.PublishedWorkflow;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.engine.Migrations;
import dev.baton.testing.Definitions;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
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
import static dev.baton.command.ticket.TicketFixtures.OPS_TEAM;
import static dev.baton.command.ticket.TicketFixtures.created;
import static dev.baton.command.ticket.TicketFixtures.leaderApproved;
import static dev.baton.command.ticket.TicketFixtures.refused;
import static dev.baton.command.ticket.TicketFixtures.submitted;

/**
 * What an admin (a workflow admin, or anyone acting through an admin application) may force: give the current
 * state's work to others or resolve its rule afresh, and move the ticket to any state. Both are recorded with who,
 * whom and why.
 */
class AdminActionsTest {
    static final String CONSOLE = "console";
    static final Assignment WITH_LENA = Assignment.of(Distribution.ANY_ONE, List.of("lena"));

    FixtureConfiguration<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = TicketFixtures.newFixture();
    }

    static ReassignTicket reassign(String actor, String app, List<String> to) {
        return new ReassignTicket(ID, actor, app, to, "lena is on leave", null);
    }

    static JumpTicket jump(String actor, String app, String to) {
        return new JumpTicket(ID, actor, app, to, "fixing a mistake", null);
    }

    @Nested
    class Reassign {
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

    @Nested
    class Jump {
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

    @Nested
    class Migrate {
        static final WorkflowDefinition V2 = Definitions.withStateRenamed(TicketFixtures.LEAVE, "leader_approval",
                "manager_approval", "Manager approval");
        static final StateRef MANAGER = StateRef.of(V2.state("manager_approval").orElseThrow());
        final Map<String, String> mapping = Map.of("leader_approval", "manager_approval");

        FixtureConfiguration<Ticket> withBothVersions() {
            return TicketFixtures.fixture(List.of(new PublishedWorkflow("leave-request", 1, NOW, "admin", TicketFixtures.LEAVE),
                            new PublishedWorkflow("leave-request", 2, NOW, "admin", V2),
                            new PublishedWorkflow("leave-request", 3, NOW, "admin", TicketFixtures.LEAVE)),
                    TicketFixtures.oa("leave-request"), (d, w, st, candidates) -> candidates.get(0),
                    (workflow, creator, ticket, limit, now) -> { });
        }

        static Map<String, String> effective(Map<String, String> mapping) {
            return Migrations.effective(TicketFixtures.LEAVE, mapping);
        }

        @Test
        void movesAnOpenTicketToTheNewVersionAlongTheMapping() {
            withBothVersions().given(created(Map.of("days", 2L)), submitted(Map.of()))
                    .when(new MigrateTicket(ID, "admin", APP, 2, mapping, "renamed step", null))
                    .expectEvents(new TicketMigrated(ID, "admin", NOW, 1, 2, LEADER, MANAGER, "renamed step",
                            Assignment.of(Distribution.ANY_ONE, List.of("lena")), effective(mapping)));
        }

        @Test
        void aStateThatKeepsItsKeyKeepsWhoeverHasTheTicket() {
            withBothVersions().given(created(Map.of("days", 2L)), submitted(Map.of()),
                            new TicketReassigned(ID, "admin", NOW, List.of("lena"), false, null,
                                    Assignment.of(Distribution.ANY_ONE, List.of("bob"))))
                    .when(new MigrateTicket(ID, "admin", APP, 3, Map.of(), null, null))
                    .expectEvents(new TicketMigrated(ID, "admin", NOW, 1, 3, LEADER, LEADER, null,
                            Assignment.of(Distribution.ANY_ONE, List.of("bob")), effective(Map.of())));
        }

        @Test
        void theMigratedTicketFollowsTheNewVersionsTransitions() {
            withBothVersions().given(created(Map.of("days", 2L)), submitted(Map.of()),
                            new TicketMigrated(ID, "admin", NOW, 1, 2, LEADER, MANAGER, null,
                                    Assignment.of(Distribution.ANY_ONE, List.of("lena")), effective(mapping)))
                    .when(TicketFixtures.handle("lena", "leader_approve", Map.of()))
                    .expectEvents(new TicketHandled(ID, "lena", NOW, TicketFixtures.t("leader_approve"), MANAGER, OPS,
                            Map.of(), null, Assignment.of(Distribution.ACCEPT_FIRST, TicketFixtures.OPS_TEAM),
                            TicketStatus.IN_PROGRESS));
        }

        @Test
        void refusesAMappingThatLeavesAStateBehindBeforeChangingAnything() {
            withBothVersions().given(created(Map.of("days", 2L)), submitted(Map.of()))
                    .when(new MigrateTicket(ID, "admin", APP, 2, Map.of(), null, null))
                    .expectNoEvents()
                    .expectException(refused(ErrorCode.MIGRATION_NOT_POSSIBLE));
        }

        @Test
        void refusesAnOlderOrUnknownVersionAndNonAdmins() {
            withBothVersions().given(created(Map.of("days", 2L)), submitted(Map.of()))
                    .when(new MigrateTicket(ID, "admin", APP, 1, Map.of(), null, null))
                    .expectException(refused(ErrorCode.INVALID_INPUT));
            withBothVersions().given(created(Map.of("days", 2L)), submitted(Map.of()))
                    .when(new MigrateTicket(ID, "admin", APP, 9, Map.of(), null, null))
                    .expectException(refused(ErrorCode.WORKFLOW_NOT_FOUND));
            withBothVersions().given(created(Map.of("days", 2L)), submitted(Map.of()))
                    .when(new MigrateTicket(ID, "alice", APP, 2, mapping, null, null))
                    .expectException(refused(ErrorCode.ADMIN_REQUIRED));
        }
    }
}
