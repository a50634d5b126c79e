package dev.baton.command.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.TransitionRef;
import dev.baton.api.ticket.event.CommentAdded;
import dev.baton.api.ticket.event.CountersignRecorded;
import dev.baton.api.ticket.ChildOutcome;
import dev.baton.api.ticket.event.ChildEnded;
import dev.baton.api.ticket.event.ChildrenRequested;
import dev.baton.api.ticket.event.ParticipantsRequested;
import dev.baton.api.ticket.event.ParticipantsResolved;
import dev.baton.api.ticket.TimerKind;
import dev.baton.api.ticket.event.SignAdded;
import dev.baton.api.ticket.event.HookAnswered;
import dev.baton.api.ticket.event.HookRequested;
import dev.baton.api.ticket.event.TimerFired;
import dev.baton.api.ticket.event.TimersScheduled;
import dev.baton.api.ticket.event.SignFinished;
import dev.baton.api.ticket.event.TicketAccepted;
import dev.baton.api.ticket.event.TicketClosed;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.ticket.event.TicketDeleted;
import dev.baton.api.ticket.event.TicketEvent;
import dev.baton.api.ticket.event.TicketEventTypes;
import dev.baton.api.ticket.event.FieldsPatched;
import dev.baton.api.ticket.event.TicketCopied;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.ticket.event.TicketReminded;
import dev.baton.api.ticket.event.TicketJumped;
import dev.baton.api.ticket.event.TicketMigrated;
import dev.baton.api.ticket.event.TicketReassigned;
import dev.baton.api.ticket.event.TicketReleased;
import dev.baton.api.ticket.event.TicketSentBack;
import dev.baton.api.ticket.event.TicketWithdrawn;
import dev.baton.api.ticket.event.TicketTransferred;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.TransitionKind;
import dev.baton.engine.BatonJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events are contracts. Each published event type has a golden JSON payload under {@code events/v1/}: what the
 * event store and Kafka hold for revision 1. Today's code must write exactly that shape and read every stored payload
 * back to the same event, forever; a shape change needs a new revision with an upcaster and a new fixture, never an
 * edit of an old one. Events are written compactly (null and empty properties left out, see
 * {@link BatonJson#compactMapper()}); readers accept the verbose form too. What is written is also what the event
 * type's checked-in JSON Schema (ticket-api {@code baton/schemas/events/}) describes, with no undeclared property.
 */
class EventContractTest {
    static final ObjectMapper JSON = BatonJson.compactMapper();
    static final ObjectMapper VERBOSE = BatonJson.mapper();
    static final Instant AT = Instant.parse("2026-11-22T09:00:00Z");
    static final StateRef DRAFT = new StateRef("draft", "Draft", StateType.START);
    static final StateRef LEADER = new StateRef("leader_approval", "Leader approval", StateType.NORMAL);
    static final Assignment LENA = new Assignment(Distribution.ANY_ONE, List.of("lena"), false, List.of(), null);

    static Stream<TicketEvent> samples() {
        return Stream.of(
                new TicketCreated("t-1", "BTN-20261122-000001", "leave-request", 1, "Leave request", "Leave", "alice",
                        "demo-oa", AT, Map.of("days", 2L, "amount", new BigDecimal("12.50")), DRAFT,
                        new Assignment(Distribution.ANY_ONE, List.of("alice"), false, List.of(), null),
                        TicketStatus.DRAFT),
                new TicketHandled("t-1", "alice", AT, new TransitionRef("submit", "Submit", TransitionKind.AGREE),
                        DRAFT, LEADER, Map.of("reason", "rest"), "please", LENA, TicketStatus.IN_PROGRESS),
                new CountersignRecorded("t-1", "lena", AT, new TransitionRef("approve", "Approve", TransitionKind.AGREE),
                        LEADER, Map.of(), null, new Assignment(Distribution.ALL, List.of("sam"), false, List.of("lena"), null)),
                new TicketAccepted("t-1", "ops3", AT, new Assignment(Distribution.ACCEPT_FIRST, List.of("ops3"), false, List.of(), null)),
                new TicketTransferred("t-1", "lena", AT, "bob", "on leave", new Assignment(Distribution.ANY_ONE, List.of("bob"), false, List.of(), null)),
                new SignAdded("t-1", "lena", AT, "bob", "your view?", new Assignment(Distribution.ANY_ONE, List.of("bob"), false, List.of(), "lena")),
                new SignFinished("t-1", "bob", AT, "lena", "fine", LENA),
                new TicketClosed("t-1", "admin", AT, "duplicate", LEADER),
                new CommentAdded("t-1", "lena", AT, "looking at it"),
                new TicketReleased("t-1", "ops3", AT, "busy this week",
                        new Assignment(Distribution.ACCEPT_FIRST, List.of("ops1", "ops3"), true, List.of(), null)),
                new TicketWithdrawn("t-1", "alice", AT, LEADER, DRAFT, "wrong dates",
                        new Assignment(Distribution.ANY_ONE, List.of("alice"), false, List.of(), null)),
                new TicketSentBack("t-1", "lena", AT, LEADER, DRAFT, "which dates?",
                        new Assignment(Distribution.ANY_ONE, List.of("alice"), false, List.of(), null),
                        TicketStatus.DRAFT, LEADER),
                new TicketReassigned("t-1", "admin", AT, List.of("lena"), false, "lena is on leave",
                        new Assignment(Distribution.ANY_ONE, List.of("bob"), false, List.of(), null)),
                new TicketJumped("t-1", "admin", AT, LEADER, DRAFT, "fixing a mistake",
                        new Assignment(Distribution.ANY_ONE, List.of("alice"), false, List.of(), null),
                        TicketStatus.DRAFT),
                new FieldsPatched("t-1", "ops3", AT, List.of(new FieldsPatched.Change("ops_note", "booked", "booked twice"),
                        new FieldsPatched.Change("days", 2L, null)), "correction"),
                new TicketCopied("t-1", "alice", AT, List.of("sue", "bob"), "for your calendar"),
                new TicketReminded("t-1", "alice", AT, List.of("lena"), "any news?"),
                new TicketDeleted("t-1", "admin", AT, "test data"),
                new TicketMigrated("t-1", "admin", AT, 1, 2, LEADER,
                        new StateRef("manager_approval", "Manager approval", StateType.NORMAL), "renamed step",
                        new Assignment(Distribution.ANY_ONE, List.of("lena"), false, List.of(), null),
                        Map.of("draft", "draft", "leader_approval", "manager_approval")),
                new ChildrenRequested("t-1", "lena", AT, new StateRef("setup", "Set-up", StateType.NORMAL),
                        List.of(new ChildrenRequested.Child("t-1-c1", "laptop", "Laptop for alice",
                                Map.of("user", "alice"), "submit")), "alice", "oa", "BTN-20261122-000001",
                        Map.of("employee", "alice")),
                new ChildEnded("t-1", "baton", AT, "t-1-c1", ChildOutcome.FINISHED, null),
                new ParticipantsRequested("t-1", "alice", AT, LEADER, "t-1-r1", "https://cmdb.example/owners", 10,
                        "access", "alice", Map.of("system", "billing")),
                new ParticipantsResolved("t-1", "baton", AT, "t-1-r1", LENA, null),
                new TimersScheduled("t-1", "alice", AT, LEADER, 2, List.of(
                        new TimersScheduled.Timer("t-1-v2-timeout", TimerKind.TIMEOUT,
                                Instant.parse("2026-11-24T09:00:00Z"), null, 1),
                        new TimersScheduled.Timer("t-1-v2-reminder", TimerKind.REMINDER,
                                Instant.parse("2026-11-22T13:00:00Z"), 28800L, 3))),
                new TimerFired("t-1", "baton", AT, "t-1-v2-sla", TimerKind.SLA, 1, LEADER, List.of("sam")),
                new HookRequested("t-1", "alice", AT, LEADER, "t-1-v2-h1", 2,
                        new dev.baton.api.workflow.HookDef("https://cmdb.example/grant",
                                dev.baton.api.workflow.HookDef.Mode.SYNC, "cmdb", Map.of("system", "app"), 5, 3,
                                "granted", "refused"),
                        Map.of("ticketId", "t-1", "fields", Map.of("app", "billing"))),
                new HookAnswered("t-1", "baton", AT, "t-1-v2-h1", true, false, "granted",
                        Map.of("ops_note", "account 42")));
    }

    static JsonNode fixture(Class<?> type) throws IOException {
        try (InputStream in = EventContractTest.class.getResourceAsStream("/events/v1/" + type.getSimpleName() + ".json")) {
            assertThat((Object) in).as("fixture for %s", type.getSimpleName()).isNotNull();
            return JSON.readTree(in);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void writesTheRevisionOneShape(TicketEvent event) throws IOException {
        JsonNode written = JSON.valueToTree(event);
        assertThat(written).isEqualTo(fixture(event.getClass()));
    }

    /** What the relay publishes (the stored JSON) is what the schema named in its {@code ce_dataschema} describes. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void writesJsonTheEventTypesSchemaAccepts(TicketEvent event) throws IOException {
        String dataSchema = TicketEventTypes.dataSchema(event.getClass());

        assertThat(EventSchemas.violations(JSON.valueToTree(event), dataSchema)).isEmpty();
        assertThat(EventSchemas.violations(fixture(event.getClass()), dataSchema)).isEmpty();
    }

    /** The commands the workers put on the command topic, written as they write them (every property, nulls kept). */
    @org.junit.jupiter.api.Test
    void writesCommandsTheCommandSchemasAccept() {
        var fire = new dev.baton.api.ticket.command.FireTimer("t-1", "t-1-v2-sla", 2, 1);
        var answer = new dev.baton.api.ticket.command.AnswerHook("t-1", "t-1-v2-h1", false, true, null,
                Map.of("ops_note", "none"));

        assertThat(EventSchemas.violationsOf(VERBOSE.valueToTree(fire),
                "baton/schemas/commands/dev.baton.command.FireTimer.v1.json")).isEmpty();
        assertThat(EventSchemas.violationsOf(VERBOSE.valueToTree(answer),
                "baton/schemas/commands/dev.baton.command.AnswerHook.v1.json")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void readsStoredRevisionOnePayloads(TicketEvent event) throws IOException {
        assertThat(JSON.treeToValue(fixture(event.getClass()), event.getClass())).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void readsPayloadsThatSpellOutNullAndEmptyProperties(TicketEvent event) throws IOException {
        JsonNode verbose = VERBOSE.valueToTree(event);
        assertThat(verbose.toString().length()).isGreaterThanOrEqualTo(JSON.valueToTree(event).toString().length());
        assertThat(JSON.treeToValue(verbose, event.getClass())).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void readsPayloadsWithFieldsItDoesNotKnow(TicketEvent event) throws IOException {
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) fixture(event.getClass());
        node.put("addedByALaterRevision", "ignored");
        assertThat(JSON.treeToValue(node, event.getClass())).isEqualTo(event);
    }

    /** Added to the assignment after revision 1 was released: optional, left out when empty, so old shapes hold. */
    @org.junit.jupiter.api.Test
    void writesTheSequenceQueueAndTheReleasePoolOnlyWhenThereAreAny() throws IOException {
        Assignment inLine = new Assignment(Distribution.SEQUENTIAL, List.of("sam"), false, List.of("lena"), null,
                List.of("dina"), List.of());
        Assignment accepted = new Assignment(Distribution.ACCEPT_FIRST, List.of("ops3"), false, List.of(), null,
                List.of(), List.of("ops1", "ops3"));
        assertThat(JSON.writeValueAsString(inLine)).isEqualTo(
                "{\"distribution\":\"SEQUENTIAL\",\"users\":[\"sam\"],\"awaitingAccept\":false,\"done\":[\"lena\"],"
                        + "\"queue\":[\"dina\"]}");
        assertThat(JSON.writeValueAsString(accepted)).isEqualTo(
                "{\"distribution\":\"ACCEPT_FIRST\",\"users\":[\"ops3\"],\"awaitingAccept\":false,"
                        + "\"pool\":[\"ops1\",\"ops3\"]}");
        assertThat(JSON.readValue(JSON.writeValueAsString(inLine), Assignment.class)).isEqualTo(inLine);
        assertThat(JSON.readValue(JSON.writeValueAsString(accepted), Assignment.class)).isEqualTo(accepted);
    }

    /**
     * Added to add-signs after revision 1 was released: signers, position, mode, the held transition, the answer and
     * whether others must still answer. Left out at their defaults, so a single signer before the actor keeps the
     * revision 1 shape, and a revision 1 payload reads as exactly that.
     */
    @org.junit.jupiter.api.Test
    void writesAddSignPositionsModesAndAnswersOnlyWhenTheyDifferFromTheFirstShape() throws IOException {
        SignAdded old = JSON.treeToValue(fixture(SignAdded.class), SignAdded.class);
        assertThat(old.users()).containsExactly("bob");
        assertThat(old.position()).isEqualTo(dev.baton.api.ticket.SignPosition.BEFORE);
        assertThat(old.mode()).isEqualTo(dev.baton.api.ticket.SignMode.ANY);
        SignFinished answered = JSON.treeToValue(fixture(SignFinished.class), SignFinished.class);
        assertThat(answered.agree()).isTrue();
        assertThat(answered.closed()).isTrue();

        SignAdded after = new SignAdded("t-1", "lena", AT, "bob", null,
                new Assignment(Distribution.ALL, List.of("bob", "sue"), false, List.of(), "lena"),
                List.of("bob", "sue"), dev.baton.api.ticket.SignPosition.AFTER, dev.baton.api.ticket.SignMode.ALL,
                new TransitionRef("leader_approve", "Approve", TransitionKind.AGREE));
        JsonNode written = JSON.valueToTree(after);
        assertThat(written.get("users")).hasSize(2);
        assertThat(written.get("position").asText()).isEqualTo("AFTER");
        assertThat(written.get("mode").asText()).isEqualTo("ALL");
        assertThat(written.at("/transition/key").asText()).isEqualTo("leader_approve");
        assertThat(JSON.treeToValue(written, SignAdded.class)).isEqualTo(after);
        SignFinished objection = new SignFinished("t-1", "bob", AT, "lena", "no", LENA, false, true);
        JsonNode objected = JSON.valueToTree(objection);
        assertThat(objected.get("agree").asBoolean()).isFalse();
        assertThat(objected.get("pending").asBoolean()).isTrue();
        assertThat(JSON.treeToValue(objected, SignFinished.class)).isEqualTo(objection);
    }

    @org.junit.jupiter.api.Test
    void everyPublishedTypeHasAFixtureAndACloudEventsType() {
        assertThat(samples().map(Object::getClass).toList()).containsExactlyInAnyOrderElementsOf(TicketEventTypes.ALL);
        for (var type : TicketEventTypes.ALL) {
            assertThat(TicketEventTypes.forCeType(TicketEventTypes.ceType(type))).contains(type);
        }
    }
}
