package dev.baton.command.ticket.migrate;

import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.command.MigrateTicket;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.ticket.event.TicketMigrated;
import dev.baton.api.ticket.event.TicketReassigned;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.PublishedWorkflow;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.command.ticket.Ticket;
import dev.baton.command.ticket.TicketFixtures;
import dev.baton.engine.Migrations;
import dev.baton.testing.Definitions;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.baton.command.ticket.TicketFixtures.APP;
import static dev.baton.command.ticket.TicketFixtures.ID;
import static dev.baton.command.ticket.TicketFixtures.LEADER;
import static dev.baton.command.ticket.TicketFixtures.NOW;
import static dev.baton.command.ticket.TicketFixtures.OPS;
import static dev.baton.command.ticket.TicketFixtures.created;
import static dev.baton.command.ticket.TicketFixtures.newFixture;
import static dev.baton.command.ticket.TicketFixtures.refused;
import static dev.baton.command.ticket.TicketFixtures.submitted;

/** An admin moving an open ticket to a newer version of its workflow. */
class MigrateTest {
    FixtureConfiguration<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

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
