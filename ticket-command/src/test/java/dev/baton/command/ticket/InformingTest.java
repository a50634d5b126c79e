package dev.baton.command.ticket;

import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.command.CcTicket;
import dev.baton.api.ticket.command.PatchFields;
import dev.baton.api.ticket.command.RemindTicket;
import dev.baton.api.ticket.event.FieldsPatched;
import dev.baton.api.ticket.event.TicketAccepted;
import dev.baton.api.ticket.event.TicketCopied;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.ticket.event.TicketReminded;
import dev.baton.api.workflow.Distribution;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.baton.command.ticket.TicketTest.APP;
import static dev.baton.command.ticket.TicketTest.DONE;
import static dev.baton.command.ticket.TicketTest.ID;
import static dev.baton.command.ticket.TicketTest.NOW;
import static dev.baton.command.ticket.TicketTest.OPS;
import static dev.baton.command.ticket.TicketTest.created;
import static dev.baton.command.ticket.TicketTest.leaderApproved;
import static dev.baton.command.ticket.TicketTest.refused;
import static dev.baton.command.ticket.TicketTest.submitted;
import static dev.baton.command.ticket.TicketTest.t;

/**
 * Changing field values outside a transition, copying people on a ticket, and reminding whoever must act. Each is
 * recorded with who did it: a patch with every value before and after.
 */
class InformingTest {
    FixtureConfiguration<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = TicketTest.newFixture();
    }

    /** A two-day leave at ops, accepted by ops3 (who may edit ops_note there; days is read-only). */
    TestExecutor<Ticket> atOps(Object... more) {
        List<Object> given = new ArrayList<>(List.of(created(Map.of("days", 2L)), submitted(Map.of()),
                leaderApproved(2), new TicketAccepted(ID, "ops3", NOW,
                        new Assignment(Distribution.ACCEPT_FIRST, List.of("ops3"), false, List.of(), null))));
        given.addAll(List.of(more));
        return fixture.given(given);
    }

    static PatchFields patch(String actor, String app, Map<String, Object> fields) {
        return new PatchFields(ID, actor, app, fields, "correction", null);
    }

    @Nested
    class Patch {
        @Test
        void theHandlerChangesAFieldEditableInTheStateWithItsValueBeforeAndAfter() {
            atOps().when(patch("ops3", APP, Map.of("ops_note", "booked")))
                    .expectEvents(new FieldsPatched(ID, "ops3", NOW,
                            List.of(new FieldsPatched.Change("ops_note", null, "booked")), "correction"));
        }

        @Test
        void aNullValueClearsTheField() {
            Map<String, Object> clear = new HashMap<>();
            clear.put("ops_note", null);
            atOps(new FieldsPatched(ID, "ops3", NOW, List.of(new FieldsPatched.Change("ops_note", null, "booked")),
                    null))
                    .when(patch("ops3", APP, clear))
                    .expectEvents(new FieldsPatched(ID, "ops3", NOW,
                            List.of(new FieldsPatched.Change("ops_note", "booked", null)), "correction"));
        }

        @Test
        void anAdminChangesAnyFieldInAnyState() {
            atOps().when(patch("admin", APP, Map.of("days", 4)))
                    .expectEvents(new FieldsPatched(ID, "admin", NOW,
                            List.of(new FieldsPatched.Change("days", 2L, 4L)), "correction"));
        }

        @Test
        void aPatchedValueIsWhatTheNextTransitionRoutesOn() {
            fixture.given(created(Map.of("days", 2L)), submitted(Map.of()),
                            new FieldsPatched(ID, "admin", NOW, List.of(new FieldsPatched.Change("days", 2L, 5L)), null))
                    .when(TicketTest.handle("lena", "leader_approve", Map.of()))
                    .expectEvents(leaderApproved(5));
        }

        @Test
        void refusesAFieldThatIsReadOnlyForTheHandler() {
            atOps().when(patch("ops3", APP, Map.of("days", 4)))
                    .expectNoEvents()
                    .expectException(refused(ErrorCode.FIELD_READ_ONLY));
        }

        @Test
        void refusesValuesThatChangeNothing() {
            atOps().when(patch("admin", APP, Map.of("days", 2)))
                    .expectNoEvents()
                    .expectException(refused(ErrorCode.INVALID_INPUT));
            atOps().when(patch("ops3", APP, Map.of()))
                    .expectException(refused(ErrorCode.INVALID_INPUT));
        }

        @Test
        void refusesUnknownFieldsWrongTypesAndOutsiders() {
            atOps().when(patch("ops3", APP, Map.of("colour", "red")))
                    .expectException(refused(ErrorCode.UNKNOWN_FIELD));
            atOps().when(patch("admin", APP, Map.of("days", "many")))
                    .expectException(refused(ErrorCode.INVALID_FIELD_VALUE));
            atOps().when(patch("sue", APP, Map.of("ops_note", "mine")))
                    .expectException(refused(ErrorCode.NOT_A_PARTICIPANT));
        }

        @Test
        void tellsACandidateWhoseColleagueAcceptedThatTheTicketMovedOn() {
            atOps().when(patch("ops4", APP, Map.of("ops_note", "mine")))
                    .expectNoEvents()
                    .expectException(refused(ErrorCode.CONCURRENT_MODIFICATION));
        }
    }

    @Nested
    class Cc {
        @Test
        void anyoneRelatedCopiesActiveUsers() {
            atOps().when(new CcTicket(ID, "alice", APP, List.of("sue", "bob", "sue"), "for your calendar", null))
                    .expectEvents(new TicketCopied(ID, "alice", NOW, List.of("sue", "bob"), "for your calendar"));
        }

        @Test
        void aFinishedTicketCanStillBeShared() {
            atOps(new TicketHandled(ID, "ops3", NOW, t("complete"), OPS, DONE, Map.of(), null, Assignment.nobody(),
                    TicketStatus.FINISHED))
                    .when(new CcTicket(ID, "ops3", APP, List.of("sue"), null, null))
                    .expectEvents(new TicketCopied(ID, "ops3", NOW, List.of("sue"), null));
        }

        @Test
        void refusesSomeoneUnrelatedToTheTicket() {
            atOps().when(new CcTicket(ID, "sam", APP, List.of("sue"), null, null))
                    .expectNoEvents()
                    .expectException(refused(ErrorCode.NOT_ALLOWED_TO_VIEW));
        }

        @Test
        void refusesNobodyOrAnInactiveUser() {
            atOps().when(new CcTicket(ID, "alice", APP, List.of(), null, null))
                    .expectException(refused(ErrorCode.INVALID_INPUT));
            atOps().when(new CcTicket(ID, "alice", APP, List.of("ghost"), null, null))
                    .expectException(refused(ErrorCode.USER_NOT_FOUND));
        }
    }

    @Nested
    class Remind {
        @Test
        void theCreatorRemindsWhoeverMustActNow() {
            fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                    .when(new RemindTicket(ID, "alice", APP, "any news?", null))
                    .expectEvents(new TicketReminded(ID, "alice", NOW, List.of("lena"), "any news?"));
        }

        @Test
        void refusesAnyoneButTheCreatorOrAnAdmin() {
            fixture.given(created(Map.of("days", 2L)), submitted(Map.of()))
                    .when(new RemindTicket(ID, "bob", APP, null, null))
                    .expectNoEvents()
                    .expectException(refused(ErrorCode.CREATOR_REQUIRED));
        }

        @Test
        void refusesADraftOrAnEndedTicket() {
            fixture.given(created(Map.of("days", 2L)))
                    .when(new RemindTicket(ID, "alice", APP, null, null))
                    .expectException(refused(ErrorCode.WRONG_STATE));
            atOps(new TicketHandled(ID, "ops3", NOW, t("complete"), OPS, DONE, Map.of(), null, Assignment.nobody(),
                    TicketStatus.FINISHED))
                    .when(new RemindTicket(ID, "alice", APP, null, null))
                    .expectException(refused(ErrorCode.WRONG_STATE));
        }
    }
}
