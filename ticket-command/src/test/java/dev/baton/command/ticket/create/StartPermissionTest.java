package dev.baton.command.ticket.create;

import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.command.CreateTicket;
import dev.baton.api.workflow.PublishedWorkflow;
import dev.baton.api.workflow.StartPermission;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.command.ticket.Ticket;
import dev.baton.command.ticket.TicketFixtures;
import dev.baton.engine.Demo;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.baton.command.ticket.TicketFixtures.APP;
import static dev.baton.command.ticket.TicketFixtures.ID;
import static dev.baton.command.ticket.TicketFixtures.NOW;
import static dev.baton.command.ticket.TicketFixtures.refused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may start tickets of a workflow, and how often: the leave request limited to a department (its sub-departments
 * included), to named users and role holders, or to one ticket per user per day.
 */
class StartPermissionTest {
    static final StartPermission.RateLimit ONE_A_DAY = new StartPermission.RateLimit(1, 24);
    final List<String> claims = new ArrayList<>();
    boolean limitReached;

    FixtureConfiguration<Ticket> fixture(StartPermission permission) {
        WorkflowDefinition leave = Demo.leaveRequest();
        WorkflowDefinition limited = new WorkflowDefinition(leave.key(), leave.name(), leave.description(),
                leave.restrictView(), leave.admins(), leave.fields(), leave.states(), leave.transitions(), permission);
        return TicketFixtures.fixture(List.of(new PublishedWorkflow("leave-request", 1, NOW, "admin", limited)),
                TicketFixtures.oa("leave-request"), (d, w, s, candidates) -> candidates.get(0),
                (workflow, creator, ticket, limit, now) -> {
                    if (limitReached) {
                        throw new BatonException(ErrorCode.RATE_LIMITED, "Expected at most " + limit.tickets()
                                + " tickets");
                    }
                    claims.add(workflow + " " + creator + " " + ticket + " " + limit + " " + now);
                });
    }

    static CreateTicket draft(String creator) {
        return new CreateTicket(ID, "leave-request", "Leave", creator, APP, Map.of("days", 1), null, null);
    }

    @Test
    void aMemberOfANamedDepartmentOrItsSubDepartmentsMayStart() {
        fixture(new StartPermission(List.of(), List.of("company"), List.of(), null)).givenNoPriorActivity()
                .when(draft("alice"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aNamedUserOrARoleHolderMayStartAndNobodyElse() {
        StartPermission saraAndDirectors = new StartPermission(List.of("sara"), List.of(), List.of("director"), null);
        fixture(saraAndDirectors).givenNoPriorActivity().when(draft("sara")).expectSuccessfulHandlerExecution();
        fixture(saraAndDirectors).givenNoPriorActivity().when(draft("dina")).expectSuccessfulHandlerExecution();
        fixture(saraAndDirectors).givenNoPriorActivity().when(draft("alice"))
                .expectNoEvents()
                .expectException(refused(ErrorCode.NOT_ALLOWED_TO_START));
    }

    @Test
    void aRateLimitedWorkflowClaimsAStartWithTheLimiter() {
        fixture(new StartPermission(List.of(), List.of(), List.of(), ONE_A_DAY)).givenNoPriorActivity()
                .when(draft("alice"))
                .expectSuccessfulHandlerExecution();
        assertThat(claims).containsExactly("leave-request alice " + ID + " " + ONE_A_DAY + " " + NOW);
    }

    @Test
    void aStartOverTheLimitIsRefusedAndCreatesNothing() {
        limitReached = true;
        fixture(new StartPermission(List.of(), List.of(), List.of(), ONE_A_DAY)).givenNoPriorActivity()
                .when(draft("alice"))
                .expectNoEvents()
                .expectException(refused(ErrorCode.RATE_LIMITED));
    }

    @Test
    void aWorkflowWithoutLimitAsksNoLimiter() {
        fixture(null).givenNoPriorActivity().when(draft("alice")).expectSuccessfulHandlerExecution();
        assertThat(claims).isEmpty();
    }
}
