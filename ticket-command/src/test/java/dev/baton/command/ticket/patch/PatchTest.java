package dev.baton.command.ticket.patch;

import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.command.PatchFields;
import dev.baton.api.ticket.event.FieldsPatched;
import dev.baton.command.ticket.Ticket;
import dev.baton.command.ticket.TicketFixtures;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.baton.command.ticket.TicketFixtures.APP;
import static dev.baton.command.ticket.TicketFixtures.ID;
import static dev.baton.command.ticket.TicketFixtures.NOW;
import static dev.baton.command.ticket.TicketFixtures.givenAcceptedAtOps;
import static dev.baton.command.ticket.TicketFixtures.created;
import static dev.baton.command.ticket.TicketFixtures.leaderApproved;
import static dev.baton.command.ticket.TicketFixtures.newFixture;
import static dev.baton.command.ticket.TicketFixtures.refused;
import static dev.baton.command.ticket.TicketFixtures.submitted;

/** Changing field values outside a transition, recorded with who did it and every value before and after. */
class PatchTest {
    FixtureConfiguration<Ticket> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    static PatchFields patch(String actor, String app, Map<String, Object> fields) {
        return new PatchFields(ID, actor, app, fields, "correction", null);
    }

    /** A two-day leave at ops, accepted by ops3 (who may edit ops_note there; days is read-only). */
    @Test
    void theHandlerChangesAFieldEditableInTheStateWithItsValueBeforeAndAfter() {
        givenAcceptedAtOps().when(patch("ops3", APP, Map.of("ops_note", "booked")))
                .expectEvents(new FieldsPatched(ID, "ops3", NOW,
                        List.of(new FieldsPatched.Change("ops_note", null, "booked")), "correction"));
    }

    @Test
    void aNullValueClearsTheField() {
        Map<String, Object> clear = new HashMap<>();
        clear.put("ops_note", null);
        givenAcceptedAtOps(new FieldsPatched(ID, "ops3", NOW,
                        List.of(new FieldsPatched.Change("ops_note", null, "booked")), null))
                .when(patch("ops3", APP, clear))
                .expectEvents(new FieldsPatched(ID, "ops3", NOW,
                        List.of(new FieldsPatched.Change("ops_note", "booked", null)), "correction"));
    }

    @Test
    void anAdminChangesAnyFieldInAnyState() {
        givenAcceptedAtOps().when(patch("admin", APP, Map.of("days", 4)))
                .expectEvents(new FieldsPatched(ID, "admin", NOW,
                        List.of(new FieldsPatched.Change("days", 2L, 4L)), "correction"));
    }

    @Test
    void aPatchedValueIsWhatTheNextTransitionRoutesOn() {
        fixture.given(created(Map.of("days", 2L)), submitted(Map.of()),
                        new FieldsPatched(ID, "admin", NOW, List.of(new FieldsPatched.Change("days", 2L, 5L)), null))
                .when(TicketFixtures.handle("lena", "leader_approve", Map.of()))
                .expectEvents(leaderApproved(5));
    }

    @Test
    void refusesAFieldThatIsReadOnlyForTheHandler() {
        givenAcceptedAtOps().when(patch("ops3", APP, Map.of("days", 4)))
                .expectNoEvents()
                .expectException(refused(ErrorCode.FIELD_READ_ONLY));
    }

    @Test
    void refusesValuesThatChangeNothing() {
        givenAcceptedAtOps().when(patch("admin", APP, Map.of("days", 2)))
                .expectNoEvents()
                .expectException(refused(ErrorCode.INVALID_INPUT));
        givenAcceptedAtOps().when(patch("ops3", APP, Map.of()))
                .expectException(refused(ErrorCode.INVALID_INPUT));
    }

    @Test
    void refusesUnknownFieldsWrongTypesAndOutsiders() {
        givenAcceptedAtOps().when(patch("ops3", APP, Map.of("colour", "red")))
                .expectException(refused(ErrorCode.UNKNOWN_FIELD));
        givenAcceptedAtOps().when(patch("admin", APP, Map.of("days", "many")))
                .expectException(refused(ErrorCode.INVALID_FIELD_VALUE));
        givenAcceptedAtOps().when(patch("sue", APP, Map.of("ops_note", "mine")))
                .expectException(refused(ErrorCode.NOT_A_PARTICIPANT));
    }

    @Test
    void tellsACandidateWhoseColleagueAcceptedThatTheTicketMovedOn() {
        givenAcceptedAtOps().when(patch("ops4", APP, Map.of("ops_note", "mine")))
                .expectNoEvents()
                .expectException(refused(ErrorCode.CONCURRENT_MODIFICATION));
    }
}
