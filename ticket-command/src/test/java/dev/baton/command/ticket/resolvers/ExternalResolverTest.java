package dev.baton.command.ticket.resolvers;

import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.TransitionRef;
import dev.baton.api.ticket.command.CreateTicket;
import dev.baton.api.ticket.command.HandleTicket;
import dev.baton.api.ticket.command.ReassignTicket;
import dev.baton.api.ticket.command.ResolveParticipants;
import dev.baton.api.ticket.event.ParticipantsRequested;
import dev.baton.api.ticket.event.ParticipantsResolved;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.ticket.event.TicketReassigned;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.Fallback;
import dev.baton.api.workflow.ParticipantKind;
import dev.baton.api.workflow.ParticipantRule;
import dev.baton.api.workflow.PublishedWorkflow;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.TransitionDef;
import dev.baton.api.workflow.TransitionKind;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.command.ticket.Ticket;
import dev.baton.command.ticket.TicketFixtures;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.baton.command.ticket.TicketFixtures.APP;
import static dev.baton.command.ticket.TicketFixtures.ID;
import static dev.baton.command.ticket.TicketFixtures.NOW;
import static dev.baton.command.ticket.TicketFixtures.refused;

/**
 * A state whose participants an HTTP endpoint names: the ticket arrives with nobody assigned and a request for the
 * resolver process; the first answer to that request assigns whom it names (active users only), and a failure, a
 * time-out or an answer naming nobody active falls back to the state's fallback, then to the workflow's admins.
 * Given earlier events, when a command, expect events or a refusal.
 */
class ExternalResolverTest {
    static final String URL = "https://cmdb.example/owners";
    static final StateRef DRAFT = new StateRef("draft", "Draft", StateType.START);
    static final StateRef OWNER = new StateRef("owner", "Owner approval", StateType.NORMAL);
    static final StateRef DONE = new StateRef("done", "Done", StateType.END);
    static final String REQUEST = ID + "-r1";

    /** draft → owner (whoever the CMDB names; fallback as given) → done. */
    static WorkflowDefinition access(Fallback fallback) {
        return new WorkflowDefinition("access", "Access", null, false, List.of("admin"), List.of(), List.of(
                new StateDef("draft", "Draft", StateType.START, 1, false, Map.of(),
                        ParticipantRule.of(ParticipantKind.CREATOR), null),
                new StateDef("owner", "Owner approval", StateType.NORMAL, 2, false, Map.of(),
                        ParticipantRule.external(URL, 5), Distribution.ANY_ONE, null, false, fallback),
                new StateDef("done", "Done", StateType.END, 3, false, Map.of(), null, null)),
                List.of(new TransitionDef("submit", "Submit", "draft", "owner", TransitionKind.AGREE, true, List.of()),
                        new TransitionDef("grant", "Grant", "owner", "done", TransitionKind.AGREE, true, List.of())));
    }

    static FixtureConfiguration<Ticket> fixture(Fallback fallback) {
        return TicketFixtures.fixture(List.of(new PublishedWorkflow("access", 1, NOW, "admin", access(fallback))),
                TicketFixtures.oa("access"), (distribution, workflow, state, candidates) -> candidates.get(0),
                (workflow, creator, ticket, limit, now) -> { });
    }

    static TicketCreated created() {
        return new TicketCreated(ID, TicketFixtures.SERIAL, "access", 1, "Access", "Prod access", "alice", APP, NOW, Map.of(), DRAFT,
                Assignment.of(Distribution.ANY_ONE, List.of("alice")), TicketStatus.DRAFT);
    }

    static TicketHandled submitted() {
        return new TicketHandled(ID, "alice", NOW, new TransitionRef("submit", "Submit", TransitionKind.AGREE), DRAFT,
                OWNER, Map.of(), null, Assignment.nobody(), TicketStatus.IN_PROGRESS);
    }

    static ParticipantsRequested requested(String requestId, String actor) {
        return new ParticipantsRequested(ID, actor, NOW, OWNER, requestId, URL, 5, "access", "alice", Map.of());
    }

    static ParticipantsResolved resolved(List<String> users, String failure) {
        return new ParticipantsResolved(ID, Ticket.SYSTEM, NOW, REQUEST, Assignment.of(Distribution.ANY_ONE, users),
                failure);
    }

    @Test
    void arrivingWaitsInAResolvingStepWithNobodyAssigned() {
        fixture(null).givenNoPriorActivity()
                .when(new CreateTicket(ID, "access", "Prod access", "alice", APP, Map.of(), "submit", null))
                .expectEvents(created(), submitted(), requested(REQUEST, "alice"));
        fixture(null).given(created(), submitted(), requested(REQUEST, "alice"))
                .when(new HandleTicket(ID, "alice", APP, "grant", Map.of(), null, null))
                .expectException(refused(ErrorCode.NOT_A_PARTICIPANT));
    }

    @Test
    void theAnswerAssignsTheActiveUsersItNames() {
        fixture(null).given(created(), submitted(), requested(REQUEST, "alice"))
                .when(new ResolveParticipants(ID, REQUEST, List.of("sam", "ghost", "nobody-known", "sam"), null))
                .expectEvents(resolved(List.of("sam"), null));
    }

    @Test
    void aFailureAppliesTheStatesFallback() {
        fixture(new Fallback(Fallback.Kind.USER, "dora")).given(created(), submitted(), requested(REQUEST, "alice"))
                .when(new ResolveParticipants(ID, REQUEST, List.of(), "The resolver did not answer within 5 s"))
                .expectEvents(resolved(List.of("dora"), "The resolver did not answer within 5 s"));
    }

    @Test
    void anAnswerNamingNobodyActiveWithoutAFallbackGoesToTheAdmins() {
        fixture(null).given(created(), submitted(), requested(REQUEST, "alice"))
                .when(new ResolveParticipants(ID, REQUEST, List.of("ghost"), null))
                .expectEvents(resolved(List.of("admin"), "The resolver named nobody active (1 named)"));
    }

    @Test
    void aSecondOrStaleAnswerChangesNothing() {
        fixture(null).given(created(), submitted(), requested(REQUEST, "alice"), resolved(List.of("sam"), null))
                .when(new ResolveParticipants(ID, REQUEST, List.of("bob"), null))
                .expectNoEvents();
        fixture(null).given(created(), submitted(), requested(REQUEST, "alice"))
                .when(new ResolveParticipants(ID, ID + "-r0", List.of("bob"), null))
                .expectNoEvents();
    }

    @Test
    void anAdminReResolvingAsksTheEndpointAgain() {
        fixture(null).given(created(), submitted(), requested(REQUEST, "alice"), resolved(List.of("sam"), null))
                .when(new ReassignTicket(ID, "admin", APP, List.of(), "sam left", null))
                .expectEvents(new TicketReassigned(ID, "admin", NOW, List.of("sam"), true, "sam left",
                        Assignment.nobody()), requested(ID + "-r2", "admin"));
    }

    @Test
    void theAnsweredUsersActAsOnAnyOtherState() {
        fixture(null).given(created(), submitted(), requested(REQUEST, "alice"), resolved(List.of("sam"), null))
                .when(new HandleTicket(ID, "sam", APP, "grant", Map.of(), null, null))
                .expectEvents(new TicketHandled(ID, "sam", NOW, new TransitionRef("grant", "Grant",
                        TransitionKind.AGREE), OWNER, DONE, Map.of(), null, Assignment.nobody(),
                        TicketStatus.FINISHED));
    }
}
