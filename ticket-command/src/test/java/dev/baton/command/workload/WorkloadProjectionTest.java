package dev.baton.command.workload;

import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.TransitionRef;
import dev.baton.api.ticket.event.CommentAdded;
import dev.baton.api.ticket.event.TicketAccepted;
import dev.baton.api.ticket.event.TicketClosed;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.TransitionKind;
import dev.baton.command.CommandSchema;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Who has which open ticket, as the workload projection keeps it on a real PostgreSQL database. */
class WorkloadProjectionTest {
    static final Instant AT = Instant.parse("2026-11-22T09:00:00Z");
    static final StateRef DRAFT = new StateRef("draft", "Draft", StateType.START);
    static final StateRef OPS = new StateRef("ops", "Ops", StateType.NORMAL);
    static final StateRef DONE = new StateRef("done", "Done", StateType.END);
    static JdbcTemplate jdbc;

    @BeforeAll
    static void schema() {
        jdbc = CommandSchema.jdbc("workload");
    }

    List<String> openWork(String ticketId) {
        return jdbc.queryForList("SELECT username FROM open_work WHERE ticket_id = ? ORDER BY username", String.class,
                ticketId);
    }

    @Test
    void followsWhoMustActUntilTheTicketEnds() {
        WorkloadProjection projection = new WorkloadProjection(jdbc);
        projection.on(new TicketCreated("w1", "S-1", "wf", 1, "Wf", "T", "alice", "app", AT, Map.of(), DRAFT,
                Assignment.of(Distribution.ANY_ONE, List.of("alice")), TicketStatus.DRAFT));
        assertThat(openWork("w1")).containsExactly("alice");

        TicketHandled toOps = new TicketHandled("w1", "alice", AT, new TransitionRef("submit", "Submit",
                TransitionKind.AGREE), DRAFT, OPS, Map.of(), null,
                Assignment.of(Distribution.ACCEPT_FIRST, List.of("ops1", "ops2")), TicketStatus.IN_PROGRESS);
        projection.on(toOps);
        projection.on(toOps);
        assertThat(openWork("w1")).containsExactly("ops1", "ops2");

        projection.on(new CommentAdded("w1", "bob", AT, "hello"));
        projection.on(new TicketAccepted("w1", "ops2", AT, new Assignment(Distribution.ACCEPT_FIRST,
                List.of("ops2"), false, List.of(), null)));
        assertThat(openWork("w1")).containsExactly("ops2");

        projection.on(new TicketHandled("w1", "ops2", AT, new TransitionRef("complete", "Complete",
                TransitionKind.AGREE), OPS, DONE, Map.of(), null, Assignment.nobody(), TicketStatus.FINISHED));
        assertThat(openWork("w1")).isEmpty();
    }

    @Test
    void aClosedTicketLeavesNoOpenWork() {
        WorkloadProjection projection = new WorkloadProjection(jdbc);
        projection.on(new TicketCreated("w2", "S-2", "wf", 1, "Wf", "T", "alice", "app", AT, Map.of(), DRAFT,
                Assignment.of(Distribution.ANY_ONE, List.of("alice")), TicketStatus.DRAFT));
        projection.on(new TicketClosed("w2", "alice", AT, "never mind", DRAFT));
        assertThat(openWork("w2")).isEmpty();
    }

    @Test
    void aBatchOfEventsIsWrittenWhenItsUnitOfWorkCommitsWithEachTicketsLastWord() {
        WorkloadProjection projection = new WorkloadProjection(jdbc);
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        projection.on(new TicketCreated("w3", "S-3", "wf", 1, "Wf", "T", "alice", "app", AT, Map.of(), DRAFT,
                Assignment.of(Distribution.ANY_ONE, List.of("alice")), TicketStatus.DRAFT));
        projection.on(new TicketHandled("w3", "alice", AT, new TransitionRef("submit", "Submit",
                TransitionKind.AGREE), DRAFT, OPS, Map.of(), null,
                Assignment.of(Distribution.ACCEPT_FIRST, List.of("ops1", "ops2", "ops1")), TicketStatus.IN_PROGRESS));
        projection.on(new TicketCreated("w4", "S-4", "wf", 1, "Wf", "T", "bob", "app", AT, Map.of(), DRAFT,
                Assignment.of(Distribution.ANY_ONE, List.of("bob")), TicketStatus.DRAFT));
        projection.on(new TicketCreated("w5", "S-5", "wf", 1, "Wf", "T", "sue", "app", AT, Map.of(), DRAFT,
                Assignment.of(Distribution.ANY_ONE, List.of("sue")), TicketStatus.DRAFT));
        projection.on(new TicketClosed("w5", "sue", AT, "never mind", DRAFT));
        assertThat(openWork("w3")).as("nothing is written before the batch commits").isEmpty();
        assertThat(openWork("w4")).isEmpty();

        batch.commit();

        assertThat(openWork("w3")).containsExactly("ops1", "ops2");
        assertThat(openWork("w4")).containsExactly("bob");
        assertThat(openWork("w5")).isEmpty();
    }

    @Test
    void aBatchThatRollsBackWritesNothing() {
        WorkloadProjection projection = new WorkloadProjection(jdbc);
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        projection.on(new TicketCreated("w6", "S-6", "wf", 1, "Wf", "T", "alice", "app", AT, Map.of(), DRAFT,
                Assignment.of(Distribution.ANY_ONE, List.of("alice")), TicketStatus.DRAFT));

        batch.rollback();

        assertThat(openWork("w6")).isEmpty();
    }
}
