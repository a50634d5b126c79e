package dev.baton.notification.summary;

import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.TransitionRef;
import dev.baton.api.ticket.event.CommentAdded;
import dev.baton.api.ticket.event.TicketClosed;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.ticket.event.TicketTransferred;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.TransitionKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TicketEndTest {
    static final Instant AT = Instant.parse("2025-03-01T09:00:00Z");
    static final StateRef START = new StateRef("draft", "Draft", StateType.START);
    static final StateRef REVIEW = new StateRef("review", "Review", StateType.NORMAL);
    static final StateRef DONE = new StateRef("done", "Done", StateType.END);
    static final TransitionRef APPROVE = new TransitionRef("approve", "Approve", TransitionKind.AGREE);
    static final TransitionRef REJECT = new TransitionRef("reject", "Reject", TransitionKind.REJECT);

    static TicketHandled handled(TransitionRef transition, StateRef to, TicketStatus status, Assignment next) {
        return new TicketHandled("t1", "lena", AT, transition, REVIEW, to, Map.of(), null, next, status);
    }

    @Test
    void aTicketHandledIntoAnEndStateHasEnded() {
        assertThat(TicketEnd.endedBy(handled(APPROVE, DONE, TicketStatus.FINISHED, Assignment.nobody()))).isTrue();
    }

    @Test
    void aTicketRejectedIntoAnEndStateHasEndedThoughItsStatusIsRejected() {
        assertThat(TicketEnd.endedBy(handled(REJECT, DONE, TicketStatus.REJECTED, Assignment.nobody()))).isTrue();
    }

    @Test
    void aClosedTicketHasEnded() {
        assertThat(TicketEnd.endedBy(new TicketClosed("t1", "admin", AT, "duplicate", REVIEW))).isTrue();
    }

    @Test
    void aTicketHandledOnOrSentBackToItsStartHasNotEnded() {
        Assignment next = Assignment.of(Distribution.ANY_ONE, List.of("bob"));
        assertThat(TicketEnd.endedBy(handled(APPROVE, REVIEW, TicketStatus.IN_PROGRESS, next))).isFalse();
        assertThat(TicketEnd.endedBy(handled(REJECT, START, TicketStatus.REJECTED, next))).isFalse();
    }

    @Test
    void otherEventsDoNotEndATicket() {
        assertThat(TicketEnd.endedBy(new TicketCreated("t1", "S-1", "wf", 1, "Workflow", "Title", "alice", "app", AT,
                Map.of(), START, Assignment.of(Distribution.ANY_ONE, List.of("alice")), TicketStatus.DRAFT))).isFalse();
        assertThat(TicketEnd.endedBy(new TicketTransferred("t1", "lena", AT, "bob", null,
                Assignment.of(Distribution.ANY_ONE, List.of("bob"))))).isFalse();
        assertThat(TicketEnd.endedBy(new CommentAdded("t1", "lena", AT, "done?"))).isFalse();
    }
}
