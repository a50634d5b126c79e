package dev.baton.command.ticket;

import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.TransitionRef;
import dev.baton.api.ticket.command.HandleTicket;
import dev.baton.api.ticket.event.CountersignRecorded;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.workflow.Countersign;
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
import org.axonframework.test.aggregate.FixtureConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import static dev.baton.command.ticket.TicketFixtures.APP;
import static dev.baton.command.ticket.TicketFixtures.ID;
import static dev.baton.command.ticket.TicketFixtures.NOW;
import static dev.baton.command.ticket.TicketFixtures.SERIAL;

/**
 * A review by a panel of three (lena, sam, dina), shared as each test needs, with the events of its tickets: the base
 * of the tests of how a state's participants share the work (in turn, all of them, one chosen among them).
 */
public abstract class PanelTicketTest {
    public static final List<String> PANEL = List.of("lena", "sam", "dina");
    public static final StateRef DRAFT = new StateRef("draft", "Draft", StateType.START);
    public static final StateRef REVIEW = new StateRef("review", "Review", StateType.NORMAL);
    public static final StateRef DONE = new StateRef("done", "Done", StateType.END);
    public static final TransitionRef SUBMIT = new TransitionRef("submit", "Submit", TransitionKind.AGREE);
    public static final TransitionRef APPROVE = new TransitionRef("approve", "Approve", TransitionKind.AGREE);
    public static final TransitionRef REJECT = new TransitionRef("reject", "Reject", TransitionKind.REJECT);
    public static final Assignment BACK_TO_ALICE = Assignment.of(Distribution.ANY_ONE, List.of("alice"));

    /** draft → review (lena, sam, dina, shared as given) → done; reject goes back to draft. */
    public static WorkflowDefinition panel(Distribution distribution, Countersign countersign) {
        return panel(distribution, countersign, null);
    }

    /** As above, with the review's {@code fallback} when its rule finds nobody active. */
    public static WorkflowDefinition panel(Distribution distribution, Countersign countersign, Fallback fallback) {
        return new WorkflowDefinition("panel", "Panel", null, false, List.of(), List.of(), List.of(
                new StateDef("draft", "Draft", StateType.START, 1, false, Map.of(),
                        ParticipantRule.of(ParticipantKind.CREATOR), null),
                new StateDef("review", "Review", StateType.NORMAL, 2, false, Map.of(),
                        new ParticipantRule(ParticipantKind.USERS, PANEL), distribution, countersign, false,
                        fallback),
                new StateDef("done", "Done", StateType.END, 3, false, Map.of(), null, null)),
                List.of(new TransitionDef("submit", "Submit", "draft", "review", TransitionKind.AGREE, true, List.of()),
                        new TransitionDef("approve", "Approve", "review", "done", TransitionKind.AGREE, true, List.of()),
                        new TransitionDef("reject", "Reject", "review", "draft", TransitionKind.REJECT, false,
                                List.of())));
    }

    /** What the chooser was asked, and what it answers (in turn). */
    protected final List<String> asked = new ArrayList<>();
    protected final List<String> answers = new ArrayList<>();

    protected FixtureConfiguration<Ticket> fixture(WorkflowDefinition panel) {
        return TicketFixtures.fixture(List.of(new PublishedWorkflow("panel", 1, NOW, "admin", panel),
                        new PublishedWorkflow("leave-request", 1, NOW, "admin", TicketFixtures.LEAVE)),
                TicketFixtures.oa("panel", "leave-request"),
                (distribution, workflow, state, candidates) -> {
                    asked.add(distribution + " " + workflow + "/" + state + " " + candidates);
                    return answers.remove(0);
                },
                (workflow, creator, ticket, limit, now) -> { });
    }

    protected FixtureConfiguration<Ticket> fixture(Distribution distribution) {
        return fixture(panel(distribution, null));
    }

    protected FixtureConfiguration<Ticket> countersign(Countersign policy) {
        return fixture(panel(Distribution.ALL, policy));
    }

    public static TicketCreated created() {
        return new TicketCreated(ID, SERIAL, "panel", 1, "Panel", "Deal", "alice", APP, NOW, Map.of(), DRAFT,
                BACK_TO_ALICE, TicketStatus.DRAFT);
    }

    public static TicketHandled inReview(Assignment assignment) {
        return new TicketHandled(ID, "alice", NOW, SUBMIT, DRAFT, REVIEW, Map.of(), null, assignment,
                TicketStatus.IN_PROGRESS);
    }

    public static TicketHandled inReview() {
        return inReview(new Assignment(Distribution.ALL, PANEL, false, List.of(), null));
    }

    /** A countersign vote that leaves {@code pending} to vote, {@code done} having voted. */
    public static CountersignRecorded vote(String voter, TransitionRef transition, List<String> pending, List<String> done) {
        return new CountersignRecorded(ID, voter, NOW, transition, REVIEW, Map.of(), null,
                new Assignment(Distribution.ALL, pending, false, done, null));
    }

    public static TicketHandled approved(String actor) {
        return new TicketHandled(ID, actor, NOW, APPROVE, REVIEW, DONE, Map.of(), null, Assignment.nobody(),
                TicketStatus.FINISHED);
    }

    public static TicketHandled rejected(String actor) {
        return new TicketHandled(ID, actor, NOW, REJECT, REVIEW, DRAFT, Map.of(), null, BACK_TO_ALICE,
                TicketStatus.REJECTED);
    }

    public static HandleTicket handle(String actor, String transition) {
        return new HandleTicket(ID, actor, APP, transition, Map.of(), null, null);
    }

    public static Assignment sequence(List<String> done, String current, List<String> queue) {
        return new Assignment(Distribution.SEQUENTIAL, List.of(current), false, done, null, queue, List.of());
    }
}
