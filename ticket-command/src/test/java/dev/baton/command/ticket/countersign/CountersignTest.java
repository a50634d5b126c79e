package dev.baton.command.ticket.countersign;

import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.TransitionRef;
import dev.baton.api.ticket.event.CountersignRecorded;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.TransitionKind;
import dev.baton.command.ticket.Ticket;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.baton.command.ticket.TicketFixtures.APP;
import static dev.baton.command.ticket.TicketFixtures.DRAFT;
import static dev.baton.command.ticket.TicketFixtures.ID;
import static dev.baton.command.ticket.TicketFixtures.NOW;
import static dev.baton.command.ticket.TicketFixtures.SERIAL;
import static dev.baton.command.ticket.TicketFixtures.fixture;
import static dev.baton.command.ticket.TicketFixtures.handle;
import static dev.baton.command.ticket.TicketFixtures.newFixture;
import static dev.baton.command.ticket.TicketFixtures.refused;

/**
 * A countersign where everyone must act: the ticket waits for every vote, moves with the last, and one rejection
 * rejects at once. Given earlier events, when a command, expect events or a refusal.
 */
class CountersignTest {
    FixtureConfiguration<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    final TicketCreated draft = new TicketCreated(ID, SERIAL, "countersign", 1, "Countersign", "Deal", "alice",
            APP, NOW, Map.of(), new StateRef("draft", "Draft", StateType.START),
            Assignment.of(Distribution.ANY_ONE, List.of("alice")), TicketStatus.DRAFT);
    final StateRef review = new StateRef("review", "Review", StateType.NORMAL);
    final TicketHandled inReview = new TicketHandled(ID, "alice", NOW, new TransitionRef("submit", "Submit",
            TransitionKind.AGREE), draft.state(), review, Map.of(), null,
            Assignment.of(Distribution.ALL, List.of("lena", "sam")), TicketStatus.IN_PROGRESS);
    final TransitionRef approve = new TransitionRef("approve", "Approve", TransitionKind.AGREE);
    final CountersignRecorded lenaApproved = new CountersignRecorded(ID, "lena", NOW, approve, review, Map.of(),
            null, new Assignment(Distribution.ALL, List.of("sam"), false, List.of("lena"), null));

    @Test
    void waitsUntilEveryParticipantHasActed() {
        fixture.given(draft, inReview)
                .when(handle("lena", "approve", Map.of()))
                .expectEvents(lenaApproved);
    }

    @Test
    void advancesWhenTheLastParticipantActs() {
        fixture.given(draft, inReview, lenaApproved)
                .when(handle("sam", "approve", Map.of()))
                .expectEvents(new TicketHandled(ID, "sam", NOW, approve, review,
                        new StateRef("done", "Done", StateType.END), Map.of(), null, Assignment.nobody(),
                        TicketStatus.FINISHED));
    }

    @Test
    void oneRejectionRejectsAtOnce() {
        fixture.given(draft, inReview, lenaApproved)
                .when(handle("sam", "reject", Map.of()))
                .expectEvents(new TicketHandled(ID, "sam", NOW, new TransitionRef("reject", "Reject",
                        TransitionKind.REJECT), review, draft.state(), Map.of(), null,
                        Assignment.of(Distribution.ANY_ONE, List.of("alice")), TicketStatus.REJECTED));
    }

    @Test
    void refusesASecondVoteByTheSameParticipant() {
        fixture.given(draft, inReview, lenaApproved)
                .when(handle("lena", "approve", Map.of()))
                .expectException(refused(ErrorCode.NOT_A_PARTICIPANT));
    }
}
