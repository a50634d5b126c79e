package dev.baton.command.ticket;

import dev.baton.api.app.CallerApp;
import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.ChildOutcome;
import dev.baton.api.ticket.SignPosition;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.TransitionRef;
import dev.baton.api.ticket.command.AcceptTicket;
import dev.baton.api.ticket.command.AddSign;
import dev.baton.api.ticket.command.RecordChildOutcome;
import dev.baton.api.ticket.command.ResolveParticipants;
import dev.baton.api.ticket.command.FireTimer;
import dev.baton.api.ticket.command.AnswerHook;
import dev.baton.api.ticket.command.RetryHook;
import dev.baton.api.ticket.command.CloseTicket;
import dev.baton.api.ticket.command.CommandResult;
import dev.baton.api.ticket.command.CommentOnTicket;
import dev.baton.api.ticket.command.CreateTicket;
import dev.baton.api.ticket.command.FinishSign;
import dev.baton.api.ticket.command.CcTicket;
import dev.baton.api.ticket.command.DeleteTicket;
import dev.baton.api.ticket.command.HandleTicket;
import dev.baton.api.ticket.command.PatchFields;
import dev.baton.api.ticket.command.RemindTicket;
import dev.baton.api.ticket.command.JumpTicket;
import dev.baton.api.ticket.command.MigrateTicket;
import dev.baton.api.ticket.command.ReassignTicket;
import dev.baton.api.ticket.command.ReleaseTicket;
import dev.baton.api.ticket.command.SendBackTicket;
import dev.baton.api.ticket.command.WithdrawTicket;
import dev.baton.api.ticket.command.TransferTicket;
import dev.baton.api.ticket.event.ChildEnded;
import dev.baton.api.ticket.event.ChildrenRequested;
import dev.baton.api.ticket.event.CommentAdded;
import dev.baton.api.ticket.event.ParticipantsRequested;
import dev.baton.api.ticket.event.TimerFired;
import dev.baton.api.ticket.event.HookAnswered;
import dev.baton.api.ticket.event.HookRequested;
import dev.baton.api.ticket.event.TimersScheduled;
import dev.baton.api.ticket.event.ParticipantsResolved;
import dev.baton.api.ticket.event.CountersignRecorded;
import dev.baton.api.ticket.event.SignAdded;
import dev.baton.api.ticket.event.SignFinished;
import dev.baton.api.ticket.event.TicketAccepted;
import dev.baton.api.ticket.event.TicketClosed;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.ticket.event.TicketDeleted;
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
import dev.baton.api.workflow.ChildTickets;
import dev.baton.api.workflow.StateTimers;
import dev.baton.api.workflow.HookDef;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.TransitionDef;
import dev.baton.api.workflow.TransitionKind;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.engine.Conditions;
import dev.baton.engine.Countersigning;
import dev.baton.command.ticket.accept.Accept;
import dev.baton.command.ticket.accept.Release;
import dev.baton.command.ticket.addsign.AddSigners;
import dev.baton.command.ticket.cc.CopyPeople;
import dev.baton.command.ticket.close.Close;
import dev.baton.command.ticket.comment.Comment;
import dev.baton.command.ticket.create.Create;
import dev.baton.command.ticket.delete.Delete;
import dev.baton.command.ticket.jump.Jump;
import dev.baton.command.ticket.migrate.Migrate;
import dev.baton.command.ticket.patch.Patch;
import dev.baton.command.ticket.remind.Remind;
import dev.baton.command.ticket.routing.Assignments;
import dev.baton.command.ticket.sendback.SendBack;
import dev.baton.command.ticket.transfer.Reassign;
import dev.baton.command.ticket.transfer.Transfer;
import dev.baton.command.ticket.withdraw.Withdraw;
import dev.baton.engine.DirectoryView;
import dev.baton.engine.FieldValues;
import dev.baton.engine.ParticipantResolver;
import dev.baton.engine.Routing;
import dev.baton.engine.StateParticipants;
import dev.baton.engine.Timers;
import dev.baton.support.auth.CallerApps;
import dev.baton.support.replica.WorkflowCatalog;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static dev.baton.command.ticket.Guards.MAX_COMMENT;
import static dev.baton.command.ticket.Guards.assertAccepted;
import static dev.baton.command.ticket.Guards.assertCallerSees;
import static dev.baton.command.ticket.Guards.assertEditable;
import static dev.baton.command.ticket.Guards.assertNoOpenAddSign;
import static dev.baton.command.ticket.Guards.assertOpen;
import static dev.baton.command.ticket.Guards.assertParticipant;
import static dev.baton.command.ticket.Guards.assertRequiredFieldsFilled;
import static dev.baton.command.ticket.Guards.assertText;
import static dev.baton.command.ticket.Guards.assertTransitionLeaves;
import static dev.baton.command.ticket.Guards.assertVersion;
import static dev.baton.command.ticket.Guards.currentState;
import static dev.baton.command.ticket.Guards.definition;
import static dev.baton.command.ticket.Guards.isAdmin;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A ticket's decisions. It keeps only what its rules need: where it is, who must act, its field values and who has
 * been involved. Every handler guards first (named {@code assert…} methods that throw a typed
 * {@link BatonException} shaped "Expected X, but Y"), then applies events; event-sourcing handlers only set state.
 * The workflow version, the directory and the caller applications are injected replicas, so a decision never calls
 * another service.
 */
@Aggregate(commandTargetResolver = "ticketCommandTargetResolver", cache = "ticketCache")
public class Ticket implements TicketState {
    /** The most users an external resolver's answer may put on a ticket. */
    static final int MAX_RESOLVED = 100;
    /** The actor of what ticket-command does by itself: recording a child's outcome and moving the parent on. */
    static final String SYSTEM = dev.baton.api.ticket.event.TicketEvent.SYSTEM_ACTOR;

    @AggregateIdentifier
    private String ticketId;
    private String serialNo;
    private String title;
    private String appId;
    private String workflowKey;
    private int workflowVersion;
    private String creator;
    private String stateKey;
    private String stateName;
    private StateType stateType;
    private TicketStatus status;
    private Map<String, Object> fields = new LinkedHashMap<>();
    private Assignment assignment;
    /** While an add-sign before or after a participant is open: the assignment the ticket returns to. */
    private Assignment suspendedAssignment;
    /** While an add-sign after a participant is open: that participant's decision, taken once the signers agree. */
    private TransitionRef heldTransition;
    private final Set<String> involved = new HashSet<>();
    /** Who could act on the ticket until somebody else acted (and who that was): they are told it moved on. */
    private final Map<String, String> outpaced = new HashMap<>();
    /** In an all-must-act state: the votes cast there so far, oldest first. */
    private final List<CastVote> votes = new ArrayList<>();
    /** Every state the ticket has been in. */
    private final Set<String> passed = new HashSet<>();
    /** Per state: who moved the ticket out of it last (the familiar person when it comes back). */
    private final Map<String, String> lastHandlers = new HashMap<>();
    /** After a send-back with "resubmit to me": the state, and the user, the next agreement returns to. */
    private StateRef returnTo;
    private String returnToUser;
    /** For a child ticket: its parent's field values when it was started. */
    private Map<String, Object> parentFields = Map.of();
    /** The state whose children the ticket waits for, and those children (the latest batch) with their outcomes. */
    private String childrenState;
    private final Map<String, ChildOutcome> children = new LinkedHashMap<>();
    private int childrenStarted;
    /** Arrivals so far, in any state: the current one's timers belong to this visit. */
    private int visit;
    /** The current visit's timers, and how often each has fired. */
    private final Map<String, TimersScheduled.Timer> timers = new HashMap<>();
    private final Map<String, Integer> firings = new HashMap<>();
    /** While an external system handles the current state: the hook call it answers, and whether every try failed. */
    private String pendingHook;
    private boolean hookFailed;
    private int hookTries;
    /** While an external resolver is asked who handles the current state: that request. */
    private String pendingRequest;
    private int requestsMade;
    private long version = -1;

    @Override
    public String ticketId() {
        return ticketId;
    }

    @Override
    public String workflowKey() {
        return workflowKey;
    }

    @Override
    public int workflowVersion() {
        return workflowVersion;
    }

    @Override
    public long version() {
        return version;
    }

    @Override
    public TicketStatus status() {
        return status;
    }

    @Override
    public String stateKey() {
        return stateKey;
    }

    @Override
    public StateType stateType() {
        return stateType;
    }

    @Override
    public String creator() {
        return creator;
    }

    @Override
    public Map<String, Object> fields() {
        return Collections.unmodifiableMap(fields);
    }

    @Override
    public Assignment assignment() {
        return assignment;
    }

    @Override
    public Set<String> involved() {
        return Collections.unmodifiableSet(involved);
    }

    @Override
    public Set<String> passed() {
        return Collections.unmodifiableSet(passed);
    }

    @Override
    public Map<String, String> lastHandlers() {
        return Collections.unmodifiableMap(lastHandlers);
    }

    @Override
    public Map<String, Object> parentFields() {
        return parentFields;
    }

    @Override
    public String actedSince(String user) {
        return outpaced.get(user);
    }

    protected Ticket() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public CommandResult create(CreateTicket cmd, WorkflowCatalog catalog, DirectoryView directory, CallerApps apps,
                                AssigneeChooser chooser, StartLimiter limiter, SerialNumbers serials, Clock clock) {
        apply(Create.decide(cmd, catalog, directory, apps, limiter, serials, clock));
        WorkflowDefinition definition = definition(this, catalog);
        StateDef start = currentState(this, definition);
        if (cmd.transition() != null) {
            take(definition, start, cmd.actor(), cmd.transition(), Map.of(), cmd.comment(), directory, chooser,
                    clock);
        } else {
            arrived(start, cmd.actor(), clock);
        }
        return result();
    }

    @CommandHandler
    public CommandResult handle(HandleTicket cmd, WorkflowCatalog catalog, DirectoryView directory, CallerApps apps,
                                AssigneeChooser chooser, Clock clock) {
        assertCallerSees(this, apps, cmd.appId());
        assertVersion(this, cmd.expectedVersion());
        assertOpen(this);
        assertText("comment", cmd.comment(), MAX_COMMENT, false);
        assertNoOpenAddSign(this);
        assertParticipant(this, cmd.actor(), cmd.expectedVersion());
        assertAccepted(this);
        WorkflowDefinition definition = definition(this, catalog);
        StateDef current = currentState(this, definition);
        Map<String, Object> values = FieldValues.validate(definition, cmd.fields(), directory);
        assertEditable(current, values.keySet());
        take(definition, current, cmd.actor(), cmd.transition(), values, cmd.comment(), directory, chooser, clock);
        return result();
    }

    @CommandHandler
    public CommandResult accept(AcceptTicket cmd, CallerApps apps, Clock clock) {
        apply(Accept.decide(this, cmd, apps, clock));
        return result();
    }

    @CommandHandler
    public CommandResult withdraw(WithdrawTicket cmd, WorkflowCatalog catalog, CallerApps apps, Clock clock) {
        TicketWithdrawn withdrawn = Withdraw.decide(this, cmd, catalog, apps, clock);
        apply(withdrawn);
        arrived(definition(this, catalog).state(withdrawn.to().key()).orElseThrow(), cmd.actor(), clock);
        return result();
    }

    @CommandHandler
    public CommandResult sendBack(SendBackTicket cmd, WorkflowCatalog catalog, DirectoryView directory,
                                  CallerApps apps, AssigneeChooser chooser, Clock clock) {
        TicketSentBack sentBack = SendBack.decide(this, cmd, catalog, directory, apps, chooser, clock);
        apply(sentBack);
        arrived(definition(this, catalog).state(sentBack.to().key()).orElseThrow(), cmd.actor(), clock);
        return result();
    }

    /** A deleted ticket is gone for every command: it answers like an unknown one. */
    @CommandHandlerInterceptor
    public Object refuseWhenDeleted(InterceptorChain chain) throws Exception {
        if (status == TicketStatus.DELETED) {
            throw new BatonException(ErrorCode.TICKET_NOT_FOUND, "No ticket '" + ticketId + "'");
        }
        return chain.proceed();
    }

    @CommandHandler
    public CommandResult migrate(MigrateTicket cmd, WorkflowCatalog catalog, DirectoryView directory, CallerApps apps,
                                 AssigneeChooser chooser, Clock clock) {
        apply(Migrate.decide(this, cmd, catalog, directory, apps, chooser, clock));
        return result();
    }

    @CommandHandler
    public CommandResult delete(DeleteTicket cmd, WorkflowCatalog catalog, CallerApps apps, Clock clock) {
        apply(Delete.decide(this, cmd, catalog, apps, clock));
        return result();
    }

    @CommandHandler
    public CommandResult patch(PatchFields cmd, WorkflowCatalog catalog, DirectoryView directory, CallerApps apps,
                               Clock clock) {
        apply(Patch.decide(this, cmd, catalog, directory, apps, clock));
        return result();
    }

    @CommandHandler
    public CommandResult cc(CcTicket cmd, WorkflowCatalog catalog, DirectoryView directory, CallerApps apps,
                            Clock clock) {
        apply(CopyPeople.decide(this, cmd, catalog, directory, apps, clock));
        return result();
    }

    @CommandHandler
    public CommandResult remind(RemindTicket cmd, WorkflowCatalog catalog, CallerApps apps, Clock clock) {
        apply(Remind.decide(this, cmd, catalog, apps, clock));
        return result();
    }

    @CommandHandler
    public CommandResult reassign(ReassignTicket cmd, WorkflowCatalog catalog, DirectoryView directory,
                                  CallerApps apps, AssigneeChooser chooser, Clock clock) {
        TicketReassigned reassigned = Reassign.decide(this, cmd, catalog, directory, apps, chooser, clock);
        apply(reassigned);
        StateDef current = currentState(this, definition(this, catalog));
        if (reassigned.reresolved() && Assignments.isExternal(current)) {
            requestParticipants(current, cmd.actor(), clock);
        }
        return result();
    }

    @CommandHandler
    public CommandResult jump(JumpTicket cmd, WorkflowCatalog catalog, DirectoryView directory, CallerApps apps,
                              AssigneeChooser chooser, Clock clock) {
        TicketJumped jumped = Jump.decide(this, cmd, catalog, directory, apps, chooser, clock);
        apply(jumped);
        arrived(definition(this, catalog).state(jumped.to().key()).orElseThrow(), cmd.actor(), clock);
        return result();
    }

    @CommandHandler
    public CommandResult release(ReleaseTicket cmd, DirectoryView directory, CallerApps apps, Clock clock) {
        apply(Release.decide(this, cmd, directory, apps, clock));
        return result();
    }

    @CommandHandler
    public CommandResult transfer(TransferTicket cmd, DirectoryView directory, CallerApps apps, Clock clock) {
        apply(Transfer.decide(this, cmd, directory, apps, clock));
        return result();
    }

    @CommandHandler
    public CommandResult addSign(AddSign cmd, WorkflowCatalog catalog, DirectoryView directory, CallerApps apps,
                                 Clock clock) {
        apply(AddSigners.decide(this, cmd, catalog, directory, apps, clock));
        return result();
    }

    /** Before or after the actor: the signers, in their mode, with the actor to return to. */
    /**
     * In parallel: in {@code ANY} mode the signers share the actor's place (whoever acts first acts for it); in
     * {@code ALL} mode each of them must act too, as in a countersign with the state's policy.
     */
    @CommandHandler
    public CommandResult finishSign(FinishSign cmd, WorkflowCatalog catalog, DirectoryView directory,
                                    CallerApps apps, AssigneeChooser chooser, Clock clock) {
        assertCallerSees(this, apps, cmd.appId());
        assertVersion(this, cmd.expectedVersion());
        assertOpen(this);
        assertText("comment", cmd.comment(), MAX_COMMENT, false);
        String requestedBy = assignment.signRequestedBy();
        if (requestedBy == null) {
            throw new BatonException(ErrorCode.WRONG_STATE, "Expected an open add-sign, but there is none");
        }
        assertParticipant(this, cmd.actor(), cmd.expectedVersion());
        boolean objection = heldTransition != null && !cmd.agree();
        List<String> done = new ArrayList<>(assignment.done());
        done.add(cmd.actor());
        Assignment waiting = null;
        if (!objection && assignment.distribution() == Distribution.ALL && assignment.users().size() > 1) {
            waiting = new Assignment(Distribution.ALL, assignment.users().stream().filter(u -> !u.equals(cmd.actor()))
                    .toList(), false, done, requestedBy);
        }
        // signers in turn: those deactivated meanwhile are passed over
        boolean lineEmptied = false;
        if (!objection && assignment.distribution() == Distribution.SEQUENTIAL && !assignment.queue().isEmpty()) {
            List<String> queue = active(assignment.queue(), directory);
            if (queue.isEmpty()) {
                lineEmptied = true;
            } else {
                waiting = new Assignment(Distribution.SEQUENTIAL, queue.subList(0, 1), false, done, requestedBy,
                        queue.subList(1, queue.size()), List.of());
            }
        }
        if (waiting != null) {
            apply(new SignFinished(ticketId, cmd.actor(), clock.instant(), requestedBy, cmd.comment(), waiting,
                    cmd.agree(), true));
            return result();
        }
        TransitionRef held = heldTransition;
        apply(new SignFinished(ticketId, cmd.actor(), clock.instant(), requestedBy, cmd.comment(),
                suspendedAssignment, cmd.agree(), false));
        if (held != null && !objection && !lineEmptied) {
            // after the requester: every signer agreed, so the requester's decision takes effect now; when signers
            // left the directory before their turn, their agreement is missing and the requester decides again
            WorkflowDefinition definition = definition(this, catalog);
            take(definition, currentState(this, definition), requestedBy, held.key(), Map.of(), null, directory, chooser,
                    clock);
        }
        return result();
    }

    @CommandHandler
    public CommandResult close(CloseTicket cmd, WorkflowCatalog catalog, CallerApps apps, Clock clock) {
        apply(Close.decide(this, cmd, catalog, apps, clock));
        return result();
    }

    @CommandHandler
    public CommandResult comment(CommentOnTicket cmd, WorkflowCatalog catalog, CallerApps apps, Clock clock) {
        apply(Comment.decide(this, cmd, catalog, apps, clock));
        return result();
    }

    /**
     * Takes a transition from {@code current}: a vote that leaves the ticket waiting for others (countersign, or the
     * next in a sequence), or a move to the routed destination.
     */
    private void take(WorkflowDefinition definition, StateDef current, String actor, String transitionKey,
                      Map<String, Object> values, String comment, DirectoryView directory, AssigneeChooser chooser,
                      Clock clock) {
        TransitionDef transition = assertTransitionLeaves(definition, current, transitionKey);
        // a null value clears the field, as in a patch: the event records it only for a field that has a value
        Map<String, Object> merged = new LinkedHashMap<>(fields);
        Map<String, Object> setting = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (value != null) {
                merged.put(key, value);
                setting.put(key, value);
            } else if (fields.containsKey(key)) {
                merged.remove(key);
                setting.put(key, null);
            }
        });
        values = setting;
        if (transition.checkRequiredFields()) {
            assertRequiredFieldsFilled(current, merged);
        }
        TransitionRef taken = TransitionRef.of(transition);
        boolean against = transition.kind() == TransitionKind.REJECT;
        List<String> done = new ArrayList<>(assignment.done());
        done.add(actor);
        if (assignment.distribution() == Distribution.SEQUENTIAL && !against && !assignment.queue().isEmpty()) {
            apply(new CountersignRecorded(ticketId, actor, clock.instant(), taken, StateRef.of(current), values,
                    comment, nextInLine(definition, current, done, directory, clock)));
            return;
        }
        TransitionDef decided = transition;
        if (assignment.distribution() == Distribution.ALL) {
            List<String> pending = assignment.users().stream().filter(u -> !u.equals(actor)).toList();
            List<Countersigning.Vote> cast = new ArrayList<>(votes.stream().map(CastVote::vote).toList());
            cast.add(new Countersigning.Vote(actor, against));
            Countersigning.Outcome outcome = Countersigning.decide(current.countersignOrDefault(), cast, pending.size());
            if (outcome == Countersigning.Outcome.WAIT) {
                apply(new CountersignRecorded(ticketId, actor, clock.instant(), taken, StateRef.of(current), values,
                        comment, new Assignment(Distribution.ALL, pending, false, done, null)
                                .keepingDelegationsOf(assignment)));
                return;
            }
            if (outcome == Countersigning.Outcome.REJECT && !against) {
                // decided by an earlier vote against: record this vote, then reject along that vote's transition
                apply(new CountersignRecorded(ticketId, actor, clock.instant(), taken, StateRef.of(current), values,
                        comment, new Assignment(Distribution.ALL, List.of(), false, done, null)));
                String rejecting = votes.get(Countersigning.rejectingVote(cast)).transitionKey();
                decided = definition.transition(rejecting).orElseThrow(() -> new BatonException(
                        ErrorCode.INVALID_DEFINITION, "Expected transition '" + rejecting + "' in workflow '"
                        + workflowKey + "' v" + workflowVersion + ", but it is missing"));
                values = Map.of();
                comment = null;
            }
        }
        TransitionDef move = decided;
        boolean returning = returnTo != null && move.kind() != TransitionKind.REJECT;
        String destinationKey = returning ? returnTo.key() : Routing.destination(move, merged);
        StateDef destination = definition.state(destinationKey).orElseThrow(() ->
                new BatonException(ErrorCode.INVALID_DEFINITION, "Expected transition '" + move.key()
                        + "' to lead to a known state, but it does not"));
        // this move counts as handling the current state: a later state may be given to whoever handles it now
        Map<String, String> handlersNow = new HashMap<>(lastHandlers);
        handlersNow.put(current.key(), actor);
        ParticipantResolver.Context context = new ParticipantResolver.Context(creator, merged, handlersNow,
                parentFields);
        Assignment next = returning
                ? Assignments.familiarOrResolved(this, definition, destination, context, returnToUser, directory,
                        chooser, clock)
                : Assignments.assign(this, definition, destination, context, directory, chooser, clock);
        apply(new TicketHandled(ticketId, actor, clock.instant(), TransitionRef.of(move), StateRef.of(current),
                StateRef.of(destination), values, comment, next, statusAfter(move, destination)));
        arrived(destination, actor, clock);
    }

    /**
     * In a sequential state, after an agreement: the next in line who is still active (those deactivated meanwhile
     * are passed over), with the rest behind them. When nobody in line is left, the state's fallback takes the
     * remaining turn, as on an arrival whose rule resolves to nobody; refused when the fallback finds nobody either.
     */
    private Assignment nextInLine(WorkflowDefinition definition, StateDef current, List<String> done,
                                  DirectoryView directory, Clock clock) {
        List<String> line = active(assignment.queue(), directory);
        if (!line.isEmpty()) {
            return new Assignment(Distribution.SEQUENTIAL, line.subList(0, 1), false, done, null,
                    line.subList(1, line.size()), List.of()).keepingDelegationsOf(assignment);
        }
        List<String> fallback = StateParticipants.fallback(definition, current, directory);
        if (fallback.isEmpty()) {
            throw new BatonException(ErrorCode.NO_PARTICIPANTS, "Expected an active user in line after "
                    + done.get(done.size() - 1) + " in state '" + current.key() + "', but " + assignment.queue()
                    + " are no longer active and the state's fallback finds nobody either");
        }
        Assignment resolved = Assignments.delegated(this, definition, Distribution.SEQUENTIAL, fallback, directory,
                clock);
        return new Assignment(Distribution.SEQUENTIAL, resolved.users(), false, done, null, resolved.queue(),
                List.of(), resolved.onBehalfOf());
    }

    /** {@code users} who are still active in the directory, in their order. */
    private static List<String> active(List<String> users, DirectoryView directory) {
        return users.stream().filter(u -> directory.user(u).filter(d -> d.active()).isPresent()).toList();
    }

    /** What follows an arrival in {@code state} by itself: starting its children, or asking its external resolver. */
    private void arrived(StateDef state, String actor, Clock clock) {
        if (state.timers() != null && status.open()) {
            List<TimersScheduled.Timer> scheduled = Timers.schedule(state.timers(), clock.instant(),
                    ticketId + "-v" + visit);
            if (!scheduled.isEmpty()) {
                apply(new TimersScheduled(ticketId, actor, clock.instant(), StateRef.of(state), visit, scheduled));
            }
        }
        startChildren(state, actor, clock);
        if (state.hook() != null && status.open()) {
            requestHook(state, actor, clock);
        }
        if (Assignments.isExternal(state) && assignment.users().isEmpty() && status.open()) {
            requestParticipants(state, actor, clock);
        }
    }

    /**
     * The external system takes over: the hook worker calls it with the ticket, its fields renamed as the hook maps
     * them. The call's id (this ticket, this arrival, this try) is also its idempotency key.
     */
    private void requestHook(StateDef state, String actor, Clock clock) {
        HookDef hook = state.hook();
        Map<String, Object> mapped = new LinkedHashMap<>();
        hook.fields().forEach((field, apiName) -> {
            if (fields.get(field) != null) {
                mapped.put(apiName, fields.get(field));
            }
        });
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("ticketId", ticketId);
        payload.put("serialNo", serialNo);
        payload.put("title", title);
        payload.put("workflow", workflowKey);
        payload.put("state", state.key());
        payload.put("creator", creator);
        payload.put("fields", mapped);
        apply(new HookRequested(ticketId, actor, clock.instant(), StateRef.of(state),
                ticketId + "-v" + visit + "-h" + (hookTries + 1), visit, hook, payload));
    }

    @CommandHandler
    public CommandResult answerHook(AnswerHook cmd, WorkflowCatalog catalog, DirectoryView directory,
                                    AssigneeChooser chooser, Clock clock) {
        if (pendingHook == null || !pendingHook.equals(cmd.hookId()) || !status.open()) {
            return result(); // answered already, retried under another id, or the ticket moved on
        }
        WorkflowDefinition definition = definition(this, catalog);
        StateDef current = currentState(this, definition);
        HookDef hook = current.hook();
        if (hook == null) {
            return result();
        }
        String message = cmd.message() != null && cmd.message().length() > MAX_COMMENT
                ? cmd.message().substring(0, MAX_COMMENT) : cmd.message();
        if (cmd.exhausted()) {
            if (hookFailed) {
                return result();
            }
            apply(new HookAnswered(ticketId, SYSTEM, clock.instant(), cmd.hookId(), false, true, message, Map.of()));
            apply(new TicketReassigned(ticketId, SYSTEM, clock.instant(), assignment.users(), false,
                    "The hook failed after every attempt" + (message == null ? "" : ": " + message)
                            + "; retry it, or move the ticket on",
                    Assignment.of(Distribution.ANY_ONE, definition.admins().stream()
                            .filter(u -> directory.user(u).filter(d -> d.active()).isPresent()).toList())));
            return result();
        }
        boolean success = cmd.success();
        Map<String, Object> values = Map.of();
        if (success && !cmd.fields().isEmpty()) {
            try {
                values = FieldValues.withoutNulls(FieldValues.validate(definition, cmd.fields(), directory));
            } catch (BatonException e) {
                success = false;
                message = "The hook's field values were refused: " + e.getMessage();
            }
        }
        apply(new HookAnswered(ticketId, SYSTEM, clock.instant(), cmd.hookId(), success, false, message, values));
        moveOn(definition, current, success ? hook.successTransition() : hook.failureTransition(),
                message == null ? null : "Hook: " + message, directory, chooser, clock);
        return result();
    }

    @CommandHandler
    public CommandResult retryHook(RetryHook cmd, WorkflowCatalog catalog, CallerApps apps, Clock clock) {
        CallerApp caller = assertCallerSees(this, apps, cmd.appId());
        assertVersion(this, cmd.expectedVersion());
        assertOpen(this);
        assertText("comment", cmd.comment(), MAX_COMMENT, false);
        WorkflowDefinition definition = definition(this, catalog);
        if (!cmd.actor().equals(creator) && !isAdmin(caller, definition, cmd.actor())) {
            throw new BatonException(ErrorCode.CREATOR_REQUIRED, "Expected the creator '" + creator
                    + "' or an admin, but got '" + cmd.actor() + "'");
        }
        StateDef current = currentState(this, definition);
        if (current.hook() == null || !hookFailed) {
            throw new BatonException(ErrorCode.WRONG_STATE, "Expected a hook that failed after every attempt, but "
                    + (current.hook() == null ? "state '" + stateKey + "' has no hook" : "its call is still going"));
        }
        requestHook(current, cmd.actor(), clock);
        return result();
    }

    /** The ticket waits in a resolving step, with nobody assigned, while the resolver process asks the endpoint. */
    private void requestParticipants(StateDef state, String actor, Clock clock) {
        apply(new ParticipantsRequested(ticketId, actor, clock.instant(), StateRef.of(state),
                ticketId + "-r" + (requestsMade + 1), state.participants().values().get(0),
                state.participants().timeoutOrDefault(), workflowKey, creator, fields));
    }

    @CommandHandler
    public CommandResult resolveParticipants(ResolveParticipants cmd, WorkflowCatalog catalog,
                                             DirectoryView directory, AssigneeChooser chooser, Clock clock) {
        if (pendingRequest == null || !pendingRequest.equals(cmd.requestId()) || !status.open()) {
            return result(); // answered already, or the ticket moved on: this answer is no longer wanted
        }
        WorkflowDefinition definition = definition(this, catalog);
        StateDef current = currentState(this, definition);
        List<String> users = cmd.users().stream().filter(Objects::nonNull).distinct()
                .filter(u -> directory.user(u).filter(d -> d.active()).isPresent()).limit(MAX_RESOLVED).toList();
        String failure = cmd.failure();
        if (users.isEmpty()) {
            failure = failure != null ? failure : "The resolver named nobody active (" + cmd.users().size()
                    + " named)";
            users = StateParticipants.fallback(definition, current, directory);
        }
        if (users.isEmpty()) {
            users = definition.admins().stream().filter(u -> directory.user(u).filter(d -> d.active()).isPresent())
                    .toList();
        }
        if (current.distribution().choosesOne() && users.size() > 1) {
            users = List.of(chooser.choose(current.distribution(), workflowKey, current.key(), users));
        }
        apply(new ParticipantsResolved(ticketId, SYSTEM, clock.instant(), cmd.requestId(),
                Assignments.delegated(this, definition, current.distribution(), users, directory, clock), failure));
        return result();
    }

    /**
     * On arrival in a state that starts child tickets: their ids (this ticket's id, {@code -c} and a running number),
     * workflows, titles and values mapped from this ticket's fields. ticket-command's children process starts them.
     */
    private void startChildren(StateDef state, String actor, Clock clock) {
        if (!state.startsChildren()) {
            return;
        }
        List<ChildrenRequested.Child> batch = new ArrayList<>();
        int number = childrenStarted;
        for (ChildTickets.Child spec : state.children().tickets()) {
            Map<String, Object> values = new LinkedHashMap<>();
            spec.fields().forEach((childField, parentField) -> {
                if (fields.get(parentField) != null) {
                    values.put(childField, fields.get(parentField));
                }
            });
            number++;
            batch.add(new ChildrenRequested.Child(ticketId + "-c" + number, spec.workflow(),
                    spec.title() == null ? title : spec.title(), values, spec.submit()));
        }
        apply(new ChildrenRequested(ticketId, actor, clock.instant(), StateRef.of(state), batch, creator, appId,
                serialNo, fields));
    }

    @CommandHandler
    public CommandResult fireTimer(FireTimer cmd, WorkflowCatalog catalog, DirectoryView directory,
                                   AssigneeChooser chooser, Clock clock) {
        TimersScheduled.Timer timer = timers.get(cmd.timerId());
        if (cmd.visit() != visit || timer == null || !status.open()
                || cmd.firing() <= firings.getOrDefault(cmd.timerId(), 0)
                || (timer.times() != null && cmd.firing() > timer.times())) {
            return result(); // the ticket moved on, or this firing took effect already: a stale or repeated firing
        }
        WorkflowDefinition definition = definition(this, catalog);
        StateDef current = currentState(this, definition);
        StateTimers spec = current.timers();
        if (spec == null) {
            return result();
        }
        switch (timer.kind()) {
            case TIMEOUT -> {
                apply(new TimerFired(ticketId, SYSTEM, clock.instant(), timer.timerId(), timer.kind(), cmd.firing(),
                        StateRef.of(current), List.of()));
                moveOn(definition, current, spec.timeout().transition(), "Timed out after "
                        + spec.timeout().after(), directory, chooser, clock);
            }
            case REMINDER -> {
                apply(new TimerFired(ticketId, SYSTEM, clock.instant(), timer.timerId(), timer.kind(), cmd.firing(),
                        StateRef.of(current), List.of()));
                if (!assignment.users().isEmpty()) {
                    apply(new TicketReminded(ticketId, SYSTEM, clock.instant(), assignment.users(),
                            "Reminder " + cmd.firing() + (timer.times() == null ? "" : " of " + timer.times())));
                }
            }
            case SLA -> {
                StateTimers.Escalation escalation = spec.sla().escalation();
                List<String> targets = escalation.users().stream()
                        .filter(u -> directory.user(u).filter(d -> d.active()).isPresent()).toList();
                boolean reassign = escalation.kind() == StateTimers.Escalation.Kind.REASSIGN && !targets.isEmpty();
                apply(new TimerFired(ticketId, SYSTEM, clock.instant(), timer.timerId(), timer.kind(), cmd.firing(),
                        StateRef.of(current), reassign ? List.of() : targets));
                if (reassign) {
                    apply(new TicketReassigned(ticketId, SYSTEM, clock.instant(), assignment.users(), false,
                            "SLA of " + spec.sla().within() + " breached", Assignment.of(
                                    current.distribution() == Distribution.ALL ? Distribution.ALL
                                            : Distribution.ANY_ONE, targets)));
                }
            }
            default -> throw new IllegalStateException("Unknown timer kind " + timer.kind());
        }
        return result();
    }

    /**
     * Baton takes {@code transition} by itself (a time-out, children done); when the move is refused (say, nobody to
     * hand the ticket to), the workflow's admins get the ticket with the reason.
     */
    private void moveOn(WorkflowDefinition definition, StateDef current, String transition, String comment,
                        DirectoryView directory, AssigneeChooser chooser, Clock clock) {
        try {
            take(definition, current, SYSTEM, transition, Map.of(), comment, directory, chooser, clock);
        } catch (BatonException e) {
            apply(new TicketReassigned(ticketId, SYSTEM, clock.instant(), assignment.users(), false,
                    "Transition '" + transition + "' could not be taken by itself: " + e.getMessage(),
                    Assignment.of(Distribution.ANY_ONE, definition.admins())));
        }
    }

    @CommandHandler
    public CommandResult recordChildOutcome(RecordChildOutcome cmd, WorkflowCatalog catalog, DirectoryView directory,
                                            AssigneeChooser chooser, Clock clock) {
        if (!children.containsKey(cmd.child()) || children.get(cmd.child()) != null) {
            return result(); // not a child of the latest batch, or already counted: nothing new
        }
        apply(new ChildEnded(ticketId, SYSTEM, clock.instant(), cmd.child(), cmd.outcome(), cmd.reason()));
        if (!status.open() || !stateKey.equals(childrenState)) {
            return result(); // the ticket was moved on meanwhile (say, by an admin's jump): the outcome is only noted
        }
        WorkflowDefinition definition = definition(this, catalog);
        StateDef current = currentState(this, definition);
        if (!current.startsChildren()) {
            return result();
        }
        ChildTickets spec = current.children();
        Map<String, Object> counts = childCounts();
        String transition = null;
        if (spec.condition() != null && Conditions.evaluate(spec.condition(), counts)) {
            transition = spec.transition();
        } else if ((long) counts.get("open") == 0) {
            transition = spec.condition() == null ? spec.transition() : spec.otherwise();
        }
        if (transition != null) {
            moveOn(definition, current, transition, "children: " + counts, directory, chooser, clock);
        }
        return result();
    }

    /** The outcome counts of the latest batch of children, as a child condition reads them. */
    private Map<String, Object> childCounts() {
        Map<String, Object> counts = new LinkedHashMap<>();
        long total = children.size();
        long open = children.values().stream().filter(Objects::isNull).count();
        counts.put("total", total);
        counts.put("ended", total - open);
        counts.put("open", open);
        for (ChildOutcome outcome : ChildOutcome.values()) {
            counts.put(outcome.name().toLowerCase(java.util.Locale.ROOT),
                    children.values().stream().filter(o -> o == outcome).count());
        }
        return counts;
    }

    private static TicketStatus statusAfter(TransitionDef transition, StateDef destination) {
        if (destination.type() == StateType.END) {
            return transition.kind() == TransitionKind.REJECT ? TicketStatus.REJECTED : TicketStatus.FINISHED;
        }
        if (transition.kind() == TransitionKind.REJECT) {
            return TicketStatus.REJECTED;
        }
        return destination.type() == StateType.START ? TicketStatus.DRAFT : TicketStatus.IN_PROGRESS;
    }

    private CommandResult result() {
        return new CommandResult(ticketId, serialNo, version, new StateRef(stateKey, stateName, stateType), status,
                assignment.users(), assignment.awaitingAccept());
    }

    // --- state ----------------------------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(TicketMigrated e) {
        workflowVersion = e.toVersion();
        Set<String> passedBefore = Set.copyOf(passed);
        passed.clear();
        passedBefore.forEach(k -> passed.add(e.stateMapping().getOrDefault(k, k)));
        Map<String, String> handlersBefore = Map.copyOf(lastHandlers);
        lastHandlers.clear();
        handlersBefore.forEach((k, user) -> lastHandlers.put(e.stateMapping().getOrDefault(k, k), user));
        returnTo(null, null);
        if (e.to().key().equals(stateKey)) {
            // the same state in the new version: the votes cast here stand
            stateName = e.to().name();
            stateType = e.to().type();
        } else {
            enter(e.to());
        }
        assign(e.assignment(), e.actor());
    }

    @EventSourcingHandler
    void on(TicketDeleted e) {
        status = TicketStatus.DELETED;
        closeSign();
        assign(Assignment.nobody(), e.actor());
    }

    @EventSourcingHandler
    void on(FieldsPatched e) {
        e.changes().forEach(change -> {
            if (change.after() == null) {
                fields.remove(change.field());
            } else {
                fields.put(change.field(), change.after());
            }
        });
        involved.add(e.actor());
        version++;
    }

    @EventSourcingHandler
    void on(TicketCopied e) {
        involved.add(e.actor());
        involved.addAll(e.to());
        version++;
    }

    @EventSourcingHandler
    void on(TicketReminded e) {
        version++;
    }

    @EventSourcingHandler
    void on(TicketReassigned e) {
        closeSign();
        assign(e.assignment(), e.actor());
    }

    @EventSourcingHandler
    void on(TicketJumped e) {
        enter(e.to());
        status = e.status();
        closeSign();
        returnTo(null, null);
        assign(e.assignment(), e.actor());
    }

    @EventSourcingHandler
    void on(TicketWithdrawn e) {
        enter(e.to());
        status = TicketStatus.DRAFT;
        returnTo(null, null);
        assign(e.assignment(), e.actor());
    }

    @EventSourcingHandler
    void on(TicketSentBack e) {
        lastHandlers.put(e.from().key(), e.actor());
        enter(e.to());
        status = e.status();
        returnTo(e.returnTo(), e.returnTo() == null ? null : e.actor());
        assign(e.assignment(), e.actor());
    }

    private void enter(StateRef state) {
        stateKey = state.key();
        stateName = state.name();
        stateType = state.type();
        passed.add(state.key());
        votes.clear();
        closeSign();
        pendingRequest = null;
        pendingHook = null;
        hookFailed = false;
        visit++;
        timers.clear();
        firings.clear();
    }

    private void returnTo(StateRef state, String user) {
        returnTo = state;
        returnToUser = user;
    }

    @EventSourcingHandler
    void on(ChildrenRequested e) {
        childrenState = e.state().key();
        children.clear();
        e.children().forEach(c -> children.put(c.ticketId(), null));
        childrenStarted += e.children().size();
        version++;
    }

    @EventSourcingHandler
    void on(HookRequested e) {
        pendingHook = e.hookId();
        hookFailed = false;
        hookTries++;
        assign(Assignment.nobody(), e.actor());
    }

    @EventSourcingHandler
    void on(HookAnswered e) {
        if (e.exhausted()) {
            hookFailed = true;
        } else {
            pendingHook = null;
            hookFailed = false;
        }
        setFields(e.fields());
        version++;
    }

    @EventSourcingHandler
    void on(TimersScheduled e) {
        e.timers().forEach(t -> timers.put(t.timerId(), t));
        version++;
    }

    @EventSourcingHandler
    void on(TimerFired e) {
        firings.merge(e.timerId(), e.firing(), Math::max);
        version++;
    }

    @EventSourcingHandler
    void on(ParticipantsRequested e) {
        pendingRequest = e.requestId();
        requestsMade++;
        version++;
    }

    @EventSourcingHandler
    void on(ParticipantsResolved e) {
        pendingRequest = null;
        assign(e.assignment(), e.actor());
    }

    @EventSourcingHandler
    void on(ChildEnded e) {
        children.replace(e.child(), e.outcome());
        version++;
    }

    @EventSourcingHandler
    void on(TicketCreated e) {
        ticketId = e.ticketId();
        serialNo = e.serialNo();
        title = e.title();
        appId = e.appId();
        parentFields = e.parentFields();
        workflowKey = e.workflowKey();
        workflowVersion = e.workflowVersion();
        creator = e.actor();
        enter(e.state());
        status = e.status();
        fields = new LinkedHashMap<>(e.fields());
        assignment = e.assignment();
        involved.add(creator);
        version = 0;
    }

    @EventSourcingHandler
    void on(TicketHandled e) {
        lastHandlers.put(e.from().key(), e.actor());
        enter(e.to());
        status = e.status();
        setFields(e.fields());
        returnTo(null, null);
        assign(e.assignment(), e.actor());
    }

    @EventSourcingHandler
    void on(CountersignRecorded e) {
        setFields(e.fields());
        votes.add(new CastVote(e.actor(), e.transition().key(), e.transition().kind() == TransitionKind.REJECT));
        assign(e.assignment(), e.actor());
    }

    @EventSourcingHandler
    void on(TicketReleased e) {
        assign(e.assignment(), e.actor());
    }

    @EventSourcingHandler
    void on(TicketAccepted e) {
        assign(e.assignment(), e.actor());
    }

    @EventSourcingHandler
    void on(TicketTransferred e) {
        assign(e.assignment(), e.actor());
    }

    @EventSourcingHandler
    void on(SignAdded e) {
        if (e.position() != SignPosition.PARALLEL) {
            suspendedAssignment = assignment;
            heldTransition = e.transition();
        }
        assign(e.assignment(), e.actor());
    }

    @EventSourcingHandler
    void on(SignFinished e) {
        if (e.closed()) {
            closeSign();
        }
        assign(e.assignment(), e.actor());
    }

    private void closeSign() {
        suspendedAssignment = null;
        heldTransition = null;
    }

    @EventSourcingHandler
    void on(TicketClosed e) {
        status = TicketStatus.CLOSED;
        assign(Assignment.nobody(), e.actor());
    }

    @EventSourcingHandler
    void on(CommentAdded e) {
        involved.add(e.actor());
        version++;
    }

    private record CastVote(String voter, String transitionKey, boolean against) {
        Countersigning.Vote vote() {
            return new Countersigning.Vote(voter, against);
        }
    }

    private void setFields(Map<String, Object> changes) {
        changes.forEach((k, v) -> {
            if (v == null) {
                fields.remove(k);
            } else {
                fields.put(k, v);
            }
        });
    }

    private void assign(Assignment next, String actor) {
        if (assignment != null) {
            // who could act, or was in line or in the pool, and lost that place to somebody else's action
            Set<String> lost = new HashSet<>(assignment.users());
            lost.removeAll(next.users());
            Set<String> gone = new HashSet<>(assignment.queue());
            gone.addAll(assignment.pool());
            gone.removeAll(next.users());
            gone.removeAll(next.queue());
            gone.removeAll(next.pool());
            lost.addAll(gone);
            lost.remove(actor);
            lost.forEach(user -> outpaced.put(user, actor));
        }
        next.users().forEach(outpaced::remove);
        assignment = next;
        involved.add(actor);
        involved.addAll(next.users());
        involved.addAll(next.onBehalfOf().values());
        version++;
    }
}
