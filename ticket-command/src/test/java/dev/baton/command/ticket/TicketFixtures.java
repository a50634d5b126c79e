package dev.baton.command.ticket;

import dev.baton.api.app.CallerApp;
import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.TransitionRef;
import dev.baton.api.ticket.command.CreateTicket;
import dev.baton.api.ticket.command.HandleTicket;
import dev.baton.api.ticket.event.TicketAccepted;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.ParticipantKind;
import dev.baton.api.workflow.ParticipantRule;
import dev.baton.api.workflow.PublishedWorkflow;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.TransitionDef;
import dev.baton.api.workflow.TransitionKind;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.engine.BatonJson;
import dev.baton.engine.Demo;
import dev.baton.engine.InMemoryDirectory;
import dev.baton.support.auth.CallerApps;
import dev.baton.support.replica.WorkflowCatalog;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the ticket's rule tests share: the demo workflows, the aggregate fixture wired with the replicas a decision
 * takes, and the events and commands of the leave request at each step, for the tests of every capability.
 */
public final class TicketFixtures {
    public static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    public static final String ID = "t-1";
    public static final String SERIAL = "BTN-20261122-000001";
    public static final String APP = "oa";

    public static final WorkflowDefinition LEAVE = Demo.leaveRequest();
    public static final StateRef DRAFT = ref("draft");
    public static final StateRef LEADER = ref("leader_approval");
    public static final StateRef DIRECTOR = ref("director_approval");
    public static final StateRef OPS = ref("ops_handling");
    public static final StateRef DONE = ref("done");
    public static final List<String> OPS_TEAM = List.of("ops1", "ops2", "ops3", "ops4", "ops5");
    public static final List<String> DIRECTORS = List.of("dina", "dirk", "dora");

    public static final WorkflowDefinition COUNTERSIGN = new WorkflowDefinition("countersign", "Countersign", null, false,
            List.of(), List.of(), List.of(
            new StateDef("draft", "Draft", StateType.START, 1, false, Map.of(), ParticipantRule.of(ParticipantKind.CREATOR), null),
            new StateDef("review", "Review", StateType.NORMAL, 2, false, Map.of(),
                    ParticipantRule.of(ParticipantKind.USERS, "lena", "sam"), Distribution.ALL),
            new StateDef("done", "Done", StateType.END, 3, false, Map.of(), null, null)),
            List.of(new TransitionDef("submit", "Submit", "draft", "review", TransitionKind.AGREE, true, List.of()),
                    new TransitionDef("approve", "Approve", "review", "done", TransitionKind.AGREE, true, List.of()),
                    new TransitionDef("reject", "Reject", "review", "draft", TransitionKind.REJECT, false, List.of())));

    public static final StateRef REVIEW = new StateRef("review", "Review", StateType.NORMAL);
    public static final TransitionRef APPROVE = new TransitionRef("approve", "Approve", TransitionKind.AGREE);
    public static final TicketCreated COUNTERSIGN_CREATED = new TicketCreated(ID, SERIAL, "countersign", 1, "Countersign",
            "Deal", "alice", APP, NOW, Map.of(), new StateRef("draft", "Draft", StateType.START),
            Assignment.of(Distribution.ANY_ONE, List.of("alice")), TicketStatus.DRAFT);
    public static final TicketHandled COUNTERSIGN_IN_REVIEW = new TicketHandled(ID, "alice", NOW,
            new TransitionRef("submit", "Submit", TransitionKind.AGREE), COUNTERSIGN_CREATED.state(), REVIEW, Map.of(),
            null, Assignment.of(Distribution.ALL, List.of("lena", "sam")), TicketStatus.IN_PROGRESS);

    public static StateRef ref(String key) {
        return StateRef.of(LEAVE.state(key).orElseThrow());
    }

    /** The aggregate with the leave-request and countersign workflows, the demo directory and three caller apps. */
    public static FixtureConfiguration<Ticket> newFixture() {
        Map<String, CallerApp> apps = Map.of(
                APP, new CallerApp(APP, "OA", "s", false, List.of("leave-request", "countersign"), true),
                "crm", new CallerApp("crm", "CRM", "s", false, List.of("other"), true),
                "console", new CallerApp("console", "Console", "s", true, List.of("*"), true));
        return fixture(List.of(new PublishedWorkflow("leave-request", 1, NOW, "admin", LEAVE),
                        new PublishedWorkflow("countersign", 1, NOW, "admin", COUNTERSIGN)),
                id -> Optional.ofNullable(apps.get(id)),
                (distribution, workflow, state, candidates) -> {
                    throw new AssertionError("Expected no choice of assignee in this test, but got " + distribution);
                },
                (workflow, creator, ticket, limit, now) -> { });
    }

    /**
     * The aggregate deciding with {@code workflows} (version 1 each), the demo directory, {@code apps}, a clock fixed
     * at {@link #NOW}, and the given chooser and start limiter.
     */
    public static FixtureConfiguration<Ticket> fixture(List<PublishedWorkflow> workflows, CallerApps apps,
                                                AssigneeChooser chooser, StartLimiter limiter) {
        return fixture(workflows, apps, chooser, limiter, InMemoryDirectory.of(Demo.directory()));
    }

    /** As above, deciding with {@code directory}. */
    public static FixtureConfiguration<Ticket> fixture(List<PublishedWorkflow> workflows, CallerApps apps,
                                                AssigneeChooser chooser, StartLimiter limiter,
                                                InMemoryDirectory directory) {
        WorkflowCatalog catalog = new WorkflowCatalog(BatonJson.mapper(), Duration.ZERO);
        workflows.forEach(catalog::put);
        FixtureConfiguration<Ticket> fixture = new AggregateTestFixture<>(Ticket.class);
        fixture.registerCommandTargetResolver(new TicketCommandTargetResolver());
        fixture.registerInjectableResource(fixture.getEventStore());
        fixture.registerInjectableResource(catalog);
        fixture.registerInjectableResource(directory);
        fixture.registerInjectableResource(apps);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(chooser);
        fixture.registerInjectableResource(limiter);
        fixture.registerInjectableResource((SerialNumbers) (prefix, now) -> SERIAL);
        return fixture;
    }

    /** The caller application {@link #APP}, granted {@code workflows}. */
    public static CallerApps oa(String... workflows) {
        CallerApp oa = new CallerApp(APP, "OA", "s", false, List.of(workflows), true);
        return id -> Optional.of(oa).filter(a -> a.appId().equals(id));
    }

    public static CreateTicket create(Map<String, Object> fields, String transition) {
        return new CreateTicket(ID, "leave-request", "Leave", "alice", APP, fields, transition, "please");
    }

    public static TicketCreated created(Map<String, Object> fields) {
        return new TicketCreated(ID, SERIAL, "leave-request", 1, "Leave request", "Leave", "alice", APP, NOW, fields,
                DRAFT, Assignment.of(Distribution.ANY_ONE, List.of("alice")), TicketStatus.DRAFT);
    }

    public static TicketHandled submitted(Map<String, Object> fields) {
        return new TicketHandled(ID, "alice", NOW, t("submit"), DRAFT, LEADER, Map.of(), "please",
                Assignment.of(Distribution.ANY_ONE, List.of("lena")), TicketStatus.IN_PROGRESS);
    }

    public static TransitionRef t(String key) {
        return TransitionRef.of(LEAVE.transition(key).orElseThrow());
    }

    public static HandleTicket handle(String actor, String transition, Map<String, Object> fields) {
        return new HandleTicket(ID, actor, APP, transition, fields, null, null);
    }

    public static TicketHandled leaderApproved(int days) {
        return days > 3
                ? new TicketHandled(ID, "lena", NOW, t("leader_approve"), LEADER, DIRECTOR, Map.of(), null,
                Assignment.of(Distribution.ACCEPT_FIRST, DIRECTORS), TicketStatus.IN_PROGRESS)
                : new TicketHandled(ID, "lena", NOW, t("leader_approve"), LEADER, OPS, Map.of(), null,
                Assignment.of(Distribution.ACCEPT_FIRST, OPS_TEAM), TicketStatus.IN_PROGRESS);
    }

    public static Matcher<Throwable> refused(ErrorCode code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable item) {
                return item instanceof BatonException e && e.code() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a BatonException with code " + code);
            }
        };
    }

    /** A two-day leave at ops, accepted by ops3 (who may edit ops_note there; days is read-only), then {@code more}. */
    /** A fresh fixture given the leave request accepted at ops by ops1, then {@code more}. */
    public static TestExecutor<Ticket> givenAcceptedAtOps(Object... more) {
        return newFixture().given(acceptedAtOps(more));
    }

    public static List<Object> acceptedAtOps(Object... more) {
        List<Object> given = new ArrayList<>(List.of(created(Map.of("days", 2L)), submitted(Map.of()),
                leaderApproved(2), new TicketAccepted(ID, "ops3", NOW,
                        new Assignment(Distribution.ACCEPT_FIRST, List.of("ops3"), false, List.of(), null))));
        given.addAll(List.of(more));
        return given;
    }

    private TicketFixtures() {
    }
}
