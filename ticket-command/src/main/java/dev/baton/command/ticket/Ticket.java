package dev.baton.command.ticket;

import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.command.AcceptTicket;
import dev.baton.api.ticket.command.AddSign;
import dev.baton.api.ticket.command.AnswerHook;
import dev.baton.api.ticket.command.CcTicket;
import dev.baton.api.ticket.command.CloseTicket;
import dev.baton.api.ticket.command.CommandResult;
import dev.baton.api.ticket.command.CommentOnTicket;
import dev.baton.api.ticket.command.CreateTicket;
import dev.baton.api.ticket.command.DeleteTicket;
import dev.baton.api.ticket.command.FinishSign;
import dev.baton.api.ticket.command.FireTimer;
import dev.baton.api.ticket.command.HandleTicket;
import dev.baton.api.ticket.command.JumpTicket;
import dev.baton.api.ticket.command.MigrateTicket;
import dev.baton.api.ticket.command.PatchFields;
import dev.baton.api.ticket.command.ReassignTicket;
import dev.baton.api.ticket.command.RecordChildOutcome;
import dev.baton.api.ticket.command.ReleaseTicket;
import dev.baton.api.ticket.command.RemindTicket;
import dev.baton.api.ticket.command.ResolveParticipants;
import dev.baton.api.ticket.command.RetryHook;
import dev.baton.api.ticket.command.SendBackTicket;
import dev.baton.api.ticket.command.TransferTicket;
import dev.baton.api.ticket.command.WithdrawTicket;
import dev.baton.api.ticket.event.ChildEnded;
import dev.baton.api.ticket.event.ChildrenRequested;
import dev.baton.api.ticket.event.CommentAdded;
import dev.baton.api.ticket.event.CountersignRecorded;
import dev.baton.api.ticket.event.FieldsPatched;
import dev.baton.api.ticket.event.HookAnswered;
import dev.baton.api.ticket.event.HookRequested;
import dev.baton.api.ticket.event.ParticipantsRequested;
import dev.baton.api.ticket.event.ParticipantsResolved;
import dev.baton.api.ticket.event.SignAdded;
import dev.baton.api.ticket.event.SignFinished;
import dev.baton.api.ticket.event.TicketAccepted;
import dev.baton.api.ticket.event.TicketClosed;
import dev.baton.api.ticket.event.TicketCopied;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.ticket.event.TicketDeleted;
import dev.baton.api.ticket.event.TicketEvent;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.ticket.event.TicketJumped;
import dev.baton.api.ticket.event.TicketMigrated;
import dev.baton.api.ticket.event.TicketReassigned;
import dev.baton.api.ticket.event.TicketReleased;
import dev.baton.api.ticket.event.TicketReminded;
import dev.baton.api.ticket.event.TicketSentBack;
import dev.baton.api.ticket.event.TicketTransferred;
import dev.baton.api.ticket.event.TicketWithdrawn;
import dev.baton.api.ticket.event.TimerFired;
import dev.baton.api.ticket.event.TimersScheduled;
import dev.baton.command.ticket.accept.Accept;
import dev.baton.command.ticket.accept.Release;
import dev.baton.command.ticket.addsign.AddSigners;
import dev.baton.command.ticket.addsign.FinishSigning;
import dev.baton.command.ticket.arrival.Arrival;
import dev.baton.command.ticket.cc.CopyPeople;
import dev.baton.command.ticket.children.Children;
import dev.baton.command.ticket.close.Close;
import dev.baton.command.ticket.comment.Comment;
import dev.baton.command.ticket.create.Create;
import dev.baton.command.ticket.delete.Delete;
import dev.baton.command.ticket.handle.Handle;
import dev.baton.command.ticket.handle.Move;
import dev.baton.command.ticket.hooks.Hooks;
import dev.baton.command.ticket.jump.Jump;
import dev.baton.command.ticket.migrate.Migrate;
import dev.baton.command.ticket.patch.Patch;
import dev.baton.command.ticket.remind.Remind;
import dev.baton.command.ticket.resolvers.Resolvers;
import dev.baton.command.ticket.routing.Assignments;
import dev.baton.command.ticket.sendback.SendBack;
import dev.baton.command.ticket.timers.TicketTimers;
import dev.baton.command.ticket.transfer.Reassign;
import dev.baton.command.ticket.transfer.Transfer;
import dev.baton.command.ticket.withdraw.Withdraw;
import dev.baton.engine.DirectoryView;
import dev.baton.support.auth.CallerApps;
import dev.baton.support.replica.WorkflowCatalog;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.util.Map;

import static dev.baton.command.ticket.Guards.currentState;
import static dev.baton.command.ticket.Guards.definition;

/**
 * A ticket: it keeps the state its events left ({@link TicketModel}) and dispatches. Each command handler hands the
 * state, read-only, to its capability's decision (a package per capability beside this class, its tests beside it
 * in the test tree) and applies what that returns; a chained decision applies its events through {@link Events}.
 * Each event-sourcing handler changes the state as its event says. The workflow version, the directory and the caller
 * applications are injected replicas, so a decision never calls another service (ADR 0020).
 */
@Aggregate(commandTargetResolver = "ticketCommandTargetResolver", cache = "ticketCache")
public class Ticket {
    /** The actor of what ticket-command does by itself: recording a child's outcome and moving the parent on. */
    public static final String SYSTEM = TicketEvent.SYSTEM_ACTOR;
    private static final Events APPLY = AggregateLifecycle::apply;

    @AggregateIdentifier
    private String ticketId;
    private final TicketModel state = new TicketModel();

    protected Ticket() {
        // for Axon
    }

    /**
     * A deleted ticket is gone for every command: it answers like an unknown one. A refusal is only given on the
     * ticket as stored: with several ticket-command instances, this copy (kept loaded between commands) can be behind
     * what another instance stored since, and a refusal decided on it would be wrong; then the command fails as a
     * collision instead, which rolls back, drops the copy and has the command decided again on the stored events.
     * This costs a look at the store on refusals only.
     */
    @CommandHandlerInterceptor
    public Object refuseWhenDeleted(InterceptorChain chain, EventStore store) throws Exception {
        if (state.status() == TicketStatus.DELETED) {
            throw new BatonException(ErrorCode.TICKET_NOT_FOUND, "No ticket '" + ticketId + "'");
        }
        try {
            return chain.proceed();
        } catch (BatonException refusal) {
            if (creating()) {
                throw refusal; // no copy to be behind
            }
            long stored = store.lastSequenceNumberFor(ticketId).orElse(-1L);
            if (stored > state.version()) {
                throw new ConcurrencyException("Ticket " + ticketId + " was refused on a copy at version "
                        + state.version() + ", but version " + stored + " is stored: decided again", refusal);
            }
            throw refusal;
        }
    }

    private static boolean creating() {
        return CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().getMessage().getPayload() instanceof CreateTicket;
    }

    // --- commands: each capability's decision ---------------------------------------------------------------------

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public CommandResult create(CreateTicket cmd, WorkflowCatalog catalog, DirectoryView directory, CallerApps apps,
                                AssigneeChooser chooser, StartLimiter limiter, SerialNumbers serials, Clock clock) {
        APPLY.apply(Create.decide(cmd, catalog, directory, apps, limiter, serials, clock));
        var definition = definition(state, catalog);
        if (cmd.transition() != null) {
            Move.take(state, definition, currentState(state, definition), cmd.actor(), cmd.transition(), Map.of(),
                    cmd.comment(), directory, chooser, clock, APPLY);
        } else {
            Arrival.arrived(state, currentState(state, definition), cmd.actor(), clock, APPLY);
        }
        return state.result();
    }

    @CommandHandler
    public CommandResult handle(HandleTicket cmd, WorkflowCatalog catalog, DirectoryView directory, CallerApps apps,
                                AssigneeChooser chooser, Clock clock) {
        Handle.decide(state, cmd, catalog, directory, apps, chooser, clock, APPLY);
        return state.result();
    }

    @CommandHandler
    public CommandResult accept(AcceptTicket cmd, CallerApps apps, Clock clock) {
        APPLY.apply(Accept.decide(state, cmd, apps, clock));
        return state.result();
    }

    @CommandHandler
    public CommandResult release(ReleaseTicket cmd, DirectoryView directory, CallerApps apps, Clock clock) {
        APPLY.apply(Release.decide(state, cmd, directory, apps, clock));
        return state.result();
    }

    @CommandHandler
    public CommandResult transfer(TransferTicket cmd, DirectoryView directory, CallerApps apps, Clock clock) {
        APPLY.apply(Transfer.decide(state, cmd, directory, apps, clock));
        return state.result();
    }

    @CommandHandler
    public CommandResult addSign(AddSign cmd, WorkflowCatalog catalog, DirectoryView directory, CallerApps apps,
                                 Clock clock) {
        APPLY.apply(AddSigners.decide(state, cmd, catalog, directory, apps, clock));
        return state.result();
    }

    @CommandHandler
    public CommandResult finishSign(FinishSign cmd, WorkflowCatalog catalog, DirectoryView directory,
                                    CallerApps apps, AssigneeChooser chooser, Clock clock) {
        FinishSigning.decide(state, cmd, catalog, directory, apps, chooser, clock, APPLY);
        return state.result();
    }

    @CommandHandler
    public CommandResult withdraw(WithdrawTicket cmd, WorkflowCatalog catalog, CallerApps apps, Clock clock) {
        TicketWithdrawn withdrawn = Withdraw.decide(state, cmd, catalog, apps, clock);
        APPLY.apply(withdrawn);
        Arrival.arrived(state, catalog, withdrawn.to(), cmd.actor(), clock, APPLY);
        return state.result();
    }

    @CommandHandler
    public CommandResult sendBack(SendBackTicket cmd, WorkflowCatalog catalog, DirectoryView directory,
                                  CallerApps apps, AssigneeChooser chooser, Clock clock) {
        TicketSentBack sentBack = SendBack.decide(state, cmd, catalog, directory, apps, chooser, clock);
        APPLY.apply(sentBack);
        Arrival.arrived(state, catalog, sentBack.to(), cmd.actor(), clock, APPLY);
        return state.result();
    }

    @CommandHandler
    public CommandResult jump(JumpTicket cmd, WorkflowCatalog catalog, DirectoryView directory, CallerApps apps,
                              AssigneeChooser chooser, Clock clock) {
        TicketJumped jumped = Jump.decide(state, cmd, catalog, directory, apps, chooser, clock);
        APPLY.apply(jumped);
        Arrival.arrived(state, catalog, jumped.to(), cmd.actor(), clock, APPLY);
        return state.result();
    }

    @CommandHandler
    public CommandResult reassign(ReassignTicket cmd, WorkflowCatalog catalog, DirectoryView directory,
                                  CallerApps apps, AssigneeChooser chooser, Clock clock) {
        TicketReassigned reassigned = Reassign.decide(state, cmd, catalog, directory, apps, chooser, clock);
        APPLY.apply(reassigned);
        var current = currentState(state, definition(state, catalog));
        if (reassigned.reresolved() && Assignments.isExternal(current)) {
            Resolvers.request(state, current, cmd.actor(), clock, APPLY);
        }
        return state.result();
    }

    @CommandHandler
    public CommandResult migrate(MigrateTicket cmd, WorkflowCatalog catalog, DirectoryView directory, CallerApps apps,
                                 AssigneeChooser chooser, Clock clock) {
        APPLY.apply(Migrate.decide(state, cmd, catalog, directory, apps, chooser, clock));
        return state.result();
    }

    @CommandHandler
    public CommandResult patch(PatchFields cmd, WorkflowCatalog catalog, DirectoryView directory, CallerApps apps,
                               Clock clock) {
        APPLY.apply(Patch.decide(state, cmd, catalog, directory, apps, clock));
        return state.result();
    }

    @CommandHandler
    public CommandResult cc(CcTicket cmd, WorkflowCatalog catalog, DirectoryView directory, CallerApps apps,
                            Clock clock) {
        APPLY.apply(CopyPeople.decide(state, cmd, catalog, directory, apps, clock));
        return state.result();
    }

    @CommandHandler
    public CommandResult remind(RemindTicket cmd, WorkflowCatalog catalog, CallerApps apps, Clock clock) {
        APPLY.apply(Remind.decide(state, cmd, catalog, apps, clock));
        return state.result();
    }

    @CommandHandler
    public CommandResult comment(CommentOnTicket cmd, WorkflowCatalog catalog, CallerApps apps, Clock clock) {
        APPLY.apply(Comment.decide(state, cmd, catalog, apps, clock));
        return state.result();
    }

    @CommandHandler
    public CommandResult close(CloseTicket cmd, WorkflowCatalog catalog, CallerApps apps, Clock clock) {
        APPLY.apply(Close.decide(state, cmd, catalog, apps, clock));
        return state.result();
    }

    @CommandHandler
    public CommandResult delete(DeleteTicket cmd, WorkflowCatalog catalog, CallerApps apps, Clock clock) {
        APPLY.apply(Delete.decide(state, cmd, catalog, apps, clock));
        return state.result();
    }

    @CommandHandler
    public CommandResult answerHook(AnswerHook cmd, WorkflowCatalog catalog, DirectoryView directory,
                                    AssigneeChooser chooser, Clock clock) {
        Hooks.answer(state, cmd, catalog, directory, chooser, clock, APPLY);
        return state.result();
    }

    @CommandHandler
    public CommandResult retryHook(RetryHook cmd, WorkflowCatalog catalog, CallerApps apps, Clock clock) {
        Hooks.retry(state, cmd, catalog, apps, clock, APPLY);
        return state.result();
    }

    @CommandHandler
    public CommandResult resolveParticipants(ResolveParticipants cmd, WorkflowCatalog catalog,
                                             DirectoryView directory, AssigneeChooser chooser, Clock clock) {
        Resolvers.resolve(state, cmd, catalog, directory, chooser, clock, APPLY);
        return state.result();
    }

    @CommandHandler
    public CommandResult recordChildOutcome(RecordChildOutcome cmd, WorkflowCatalog catalog, DirectoryView directory,
                                            AssigneeChooser chooser, Clock clock) {
        Children.recordOutcome(state, cmd, catalog, directory, chooser, clock, APPLY);
        return state.result();
    }

    @CommandHandler
    public CommandResult fireTimer(FireTimer cmd, WorkflowCatalog catalog, DirectoryView directory,
                                   AssigneeChooser chooser, Clock clock) {
        TicketTimers.fire(state, cmd, catalog, directory, chooser, clock, APPLY);
        return state.result();
    }

    // --- events: how each changes the state (the capability's own part is kept in its package) ----------------

    @EventSourcingHandler
    void on(TicketCreated e) {
        ticketId = e.ticketId();
        state.on(e);
    }

    @EventSourcingHandler
    void on(TicketHandled e) {
        state.on(e);
    }

    @EventSourcingHandler
    void on(CountersignRecorded e) {
        state.on(e);
    }

    @EventSourcingHandler
    void on(TicketAccepted e) {
        state.on(e);
    }

    @EventSourcingHandler
    void on(TicketReleased e) {
        state.on(e);
    }

    @EventSourcingHandler
    void on(TicketTransferred e) {
        state.on(e);
    }

    @EventSourcingHandler
    void on(SignAdded e) {
        state.on(e);
    }

    @EventSourcingHandler
    void on(SignFinished e) {
        state.on(e);
    }

    @EventSourcingHandler
    void on(TicketWithdrawn e) {
        state.on(e);
    }

    @EventSourcingHandler
    void on(TicketSentBack e) {
        state.on(e);
    }

    @EventSourcingHandler
    void on(TicketJumped e) {
        state.on(e);
    }

    @EventSourcingHandler
    void on(TicketReassigned e) {
        state.on(e);
    }

    @EventSourcingHandler
    void on(TicketMigrated e) {
        state.on(e);
    }

    @EventSourcingHandler
    void on(FieldsPatched e) {
        state.on(e);
    }

    @EventSourcingHandler
    void on(TicketCopied e) {
        state.on(e);
    }

    @EventSourcingHandler
    void on(TicketReminded e) {
        state.on(e);
    }

    @EventSourcingHandler
    void on(CommentAdded e) {
        state.on(e);
    }

    @EventSourcingHandler
    void on(TicketClosed e) {
        state.on(e);
    }

    @EventSourcingHandler
    void on(TicketDeleted e) {
        state.on(e);
    }

    @EventSourcingHandler
    void on(TimersScheduled e) {
        state.on(e);
    }

    @EventSourcingHandler
    void on(TimerFired e) {
        state.on(e);
    }

    @EventSourcingHandler
    void on(HookRequested e) {
        state.on(e);
    }

    @EventSourcingHandler
    void on(HookAnswered e) {
        state.on(e);
    }

    @EventSourcingHandler
    void on(ParticipantsRequested e) {
        state.on(e);
    }

    @EventSourcingHandler
    void on(ParticipantsResolved e) {
        state.on(e);
    }

    @EventSourcingHandler
    void on(ChildrenRequested e) {
        state.on(e);
    }

    @EventSourcingHandler
    void on(ChildEnded e) {
        state.on(e);
    }
}
