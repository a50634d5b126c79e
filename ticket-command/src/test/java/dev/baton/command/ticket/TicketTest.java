package dev.baton.command.ticket;

import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.command.AcceptTicket;
import dev.baton.api.ticket.command.AddSign;
import dev.baton.api.ticket.command.CloseTicket;
import dev.baton.api.ticket.command.CommentOnTicket;
import dev.baton.api.ticket.command.FinishSign;
import dev.baton.api.ticket.command.HandleTicket;
import dev.baton.api.ticket.command.TransferTicket;
import dev.baton.api.ticket.command.CcTicket;
import dev.baton.api.ticket.command.DeleteTicket;
import dev.baton.api.ticket.command.JumpTicket;
import dev.baton.api.ticket.command.MigrateTicket;
import dev.baton.api.ticket.command.PatchFields;
import dev.baton.api.ticket.command.ReassignTicket;
import dev.baton.api.ticket.command.ReleaseTicket;
import dev.baton.api.ticket.command.RemindTicket;
import dev.baton.api.ticket.command.RetryHook;
import dev.baton.api.ticket.command.SendBackTicket;
import dev.baton.api.ticket.command.WithdrawTicket;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.baton.command.ticket.TicketFixtures.APP;
import static dev.baton.command.ticket.TicketFixtures.ID;
import static dev.baton.command.ticket.TicketFixtures.created;
import static dev.baton.command.ticket.TicketFixtures.fixture;
import static dev.baton.command.ticket.TicketFixtures.newFixture;
import static dev.baton.command.ticket.TicketFixtures.refused;
import static dev.baton.command.ticket.TicketFixtures.submitted;

/**
 * What holds for every command of the aggregate: a caller application not granted the ticket's workflow learns
 * nothing of it. Each capability's own rules are tested in its package. Given earlier events, when a command, expect
 * events or a refusal.
 */
class TicketTest {
    FixtureConfiguration<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    @Nested
    class Isolation {
        /** Every command a caller sends about one ticket, each naming a version the ticket is not at. */
        final List<Object> fromCrm = List.of(
                new HandleTicket(ID, "lena", "crm", "leader_approve", Map.of(), null, 7L),
                new AcceptTicket(ID, "ops1", "crm", 7L),
                new ReleaseTicket(ID, "lena", "crm", null, 7L),
                new WithdrawTicket(ID, "alice", "crm", null, 7L),
                new SendBackTicket(ID, "lena", "crm", "draft", null, false, 7L),
                new ReassignTicket(ID, "admin", "crm", List.of("sam"), null, 7L),
                new JumpTicket(ID, "admin", "crm", "done", null, 7L),
                new PatchFields(ID, "lena", "crm", Map.of("days", 3), null, 7L),
                new CcTicket(ID, "alice", "crm", List.of("sue"), null, 7L),
                new RemindTicket(ID, "alice", "crm", null, 7L),
                new DeleteTicket(ID, "admin", "crm", null, 7L),
                new MigrateTicket(ID, "admin", "crm", 2, Map.of(), null, 7L),
                new TransferTicket(ID, "lena", "crm", "sam", null, 7L),
                new AddSign(ID, "lena", "crm", "sam", null, 7L),
                new FinishSign(ID, "sam", "crm", true, null, 7L),
                new RetryHook(ID, "alice", "crm", null, 7L),
                new CloseTicket(ID, "alice", "crm", null, 7L),
                new CommentOnTicket(ID, "alice", "crm", "hi", 7L));

        @Test
        void aCallerNotGrantedTheWorkflowIsAnsweredAsForATicketThatDoesNotExist() {
            for (Object command : fromCrm) {
                newFixture().given(created(Map.of("days", 2L)), submitted(Map.of()))
                        .when(command)
                        .expectNoEvents()
                        .expectExceptionMessage("No ticket '" + ID + "'")
                        .expectException(refused(ErrorCode.TICKET_NOT_FOUND));
            }
        }

        @Test
        void theSameCommandsOfAGrantedCallerAreDecidedByTheRules() {
            newFixture().given(created(Map.of("days", 2L)), submitted(Map.of()))
                    .when(new HandleTicket(ID, "lena", APP, "leader_approve", Map.of(), null, 7L))
                    .expectException(refused(ErrorCode.CONCURRENT_MODIFICATION));
            newFixture().given(created(Map.of("days", 2L)), submitted(Map.of()))
                    .when(new CommentOnTicket(ID, "alice", APP, "hi", null))
                    .expectSuccessfulHandlerExecution();
        }
    }
}
