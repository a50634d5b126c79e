package dev.baton.command.ticket;

import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.command.CommandResult;
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
import dev.baton.api.workflow.StateType;
import dev.baton.command.ticket.addsign.OpenSign;
import dev.baton.command.ticket.children.ChildBatch;
import dev.baton.command.ticket.countersign.Votes;
import dev.baton.command.ticket.hooks.HookCall;
import dev.baton.command.ticket.resolvers.ResolverRequest;
import dev.baton.command.ticket.timers.VisitTimers;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A ticket's state as its events left it: only what its rules need (where it is, who must act, its field values, who
 * has been involved), with each capability's own part ({@link Votes}, {@link OpenSign}, {@link HookCall},
 * {@link ResolverRequest}, {@link ChildBatch}, {@link VisitTimers}) kept by that capability's package. Decisions read
 * it as a {@link TicketState}; only the aggregate's event-sourcing handlers call the changing methods below.
 */
public final class TicketModel implements TicketState {
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
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private Assignment assignment;
    private final Set<String> involved = new HashSet<>();
    /** Who could act on the ticket until somebody else acted (and who that was): they are told it moved on. */
    private final Map<String, String> outpaced = new HashMap<>();
    private final Set<String> passed = new HashSet<>();
    private final Map<String, String> lastHandlers = new HashMap<>();
    private StateRef returnTo;
    private String returnToUser;
    private Map<String, Object> parentFields = Map.of();
    private final Votes votes = new Votes();
    private final OpenSign sign = new OpenSign();
    private final HookCall hook = new HookCall();
    private final ResolverRequest resolver = new ResolverRequest();
    private final ChildBatch children = new ChildBatch();
    private final VisitTimers timers = new VisitTimers();
    private long version = -1;

    // --- what decisions read --------------------------------------------------------------------------------------

    @Override
    public String ticketId() {
        return ticketId;
    }

    @Override
    public String serialNo() {
        return serialNo;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String appId() {
        return appId;
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
    public StateRef returnTo() {
        return returnTo;
    }

    @Override
    public String returnToUser() {
        return returnToUser;
    }

    @Override
    public Map<String, Object> parentFields() {
        return parentFields;
    }

    @Override
    public String actedSince(String user) {
        return outpaced.get(user);
    }

    @Override
    public Votes votes() {
        return votes;
    }

    @Override
    public OpenSign sign() {
        return sign;
    }

    @Override
    public HookCall hook() {
        return hook;
    }

    @Override
    public ResolverRequest resolver() {
        return resolver;
    }

    @Override
    public ChildBatch children() {
        return children;
    }

    @Override
    public VisitTimers timers() {
        return timers;
    }

    /** What every command answers: where the ticket is now and who must act. */
    public CommandResult result() {
        return new CommandResult(ticketId, serialNo, version, new StateRef(stateKey, stateName, stateType), status,
                assignment.users(), assignment.awaitingAccept());
    }

    // --- how each event changes it (called from the aggregate's event-sourcing handlers only) ----------------------

    public void on(TicketCreated e) {
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
        fields.putAll(e.fields());
        assignment = e.assignment();
        involved.add(creator);
        version = 0;
    }

    public void on(TicketHandled e) {
        handled(e.from().key(), e.actor());
        enter(e.to());
        status = e.status();
        setFields(e.fields());
        returnTo(null, null);
        assign(e.assignment(), e.actor());
    }

    public void on(CountersignRecorded e) {
        setFields(e.fields());
        votes.recorded(e);
        assign(e.assignment(), e.actor());
    }

    public void on(TicketAccepted e) {
        assign(e.assignment(), e.actor());
    }

    public void on(TicketReleased e) {
        assign(e.assignment(), e.actor());
    }

    public void on(TicketTransferred e) {
        assign(e.assignment(), e.actor());
    }

    public void on(SignAdded e) {
        sign.added(e, assignment);
        assign(e.assignment(), e.actor());
    }

    public void on(SignFinished e) {
        if (e.closed()) {
            sign.close();
        }
        assign(e.assignment(), e.actor());
    }

    public void on(TicketWithdrawn e) {
        enter(e.to());
        status = TicketStatus.DRAFT;
        returnTo(null, null);
        assign(e.assignment(), e.actor());
    }

    public void on(TicketSentBack e) {
        handled(e.from().key(), e.actor());
        enter(e.to());
        status = e.status();
        returnTo(e.returnTo(), e.returnTo() == null ? null : e.actor());
        assign(e.assignment(), e.actor());
    }

    public void on(TicketJumped e) {
        enter(e.to());
        status = e.status();
        returnTo(null, null);
        assign(e.assignment(), e.actor());
    }

    public void on(TicketReassigned e) {
        sign.close();
        assign(e.assignment(), e.actor());
    }

    public void on(TicketMigrated e) {
        migrate(e.toVersion(), e.stateMapping());
        returnTo(null, null);
        if (e.to().key().equals(stateKey)) {
            rename(e.to()); // the same state in the new version: the votes cast here stand
        } else {
            enter(e.to());
        }
        assign(e.assignment(), e.actor());
    }

    public void on(FieldsPatched e) {
        e.changes().forEach(change -> setField(change.field(), change.after()));
        touched(e.actor());
    }

    public void on(TicketCopied e) {
        involve(e.to());
        touched(e.actor());
    }

    public void on(TicketReminded e) {
        touched();
    }

    public void on(CommentAdded e) {
        touched(e.actor());
    }

    public void on(TicketClosed e) {
        status = TicketStatus.CLOSED;
        assign(Assignment.nobody(), e.actor());
    }

    public void on(TicketDeleted e) {
        status = TicketStatus.DELETED;
        sign.close();
        assign(Assignment.nobody(), e.actor());
    }

    public void on(TimersScheduled e) {
        timers.scheduled(e);
        touched();
    }

    public void on(TimerFired e) {
        timers.fired(e);
        touched();
    }

    public void on(HookRequested e) {
        hook.requested(e);
        assign(Assignment.nobody(), e.actor());
    }

    public void on(HookAnswered e) {
        hook.answered(e);
        setFields(e.fields());
        touched();
    }

    public void on(ParticipantsRequested e) {
        resolver.requested(e);
        touched();
    }

    public void on(ParticipantsResolved e) {
        resolver.clear();
        assign(e.assignment(), e.actor());
    }

    public void on(ChildrenRequested e) {
        children.requested(e);
        touched();
    }

    public void on(ChildEnded e) {
        children.ended(e);
        touched();
    }

    /** Arrival in {@code state}: whatever belonged to the previous visit (votes, add-sign, calls, timers) ends. */
    private void enter(StateRef state) {
        stateKey = state.key();
        stateName = state.name();
        stateType = state.type();
        passed.add(state.key());
        votes.clear();
        sign.close();
        resolver.clear();
        hook.clear();
        timers.arrived();
    }

    /** The same state under another workflow version: its name and type may have changed, nothing else did. */
    private void rename(StateRef state) {
        stateName = state.name();
        stateType = state.type();
    }

    /** Under another workflow version, with the states the ticket passed renamed by {@code mapping}. */
    private void migrate(int toVersion, Map<String, String> mapping) {
        workflowVersion = toVersion;
        Set<String> passedBefore = Set.copyOf(passed);
        passed.clear();
        passedBefore.forEach(k -> passed.add(mapping.getOrDefault(k, k)));
        Map<String, String> handlersBefore = Map.copyOf(lastHandlers);
        lastHandlers.clear();
        handlersBefore.forEach((k, user) -> lastHandlers.put(mapping.getOrDefault(k, k), user));
    }

    /** {@code actor} moved the ticket out of {@code stateKey}: the familiar person if it comes back. */
    private void handled(String stateKey, String actor) {
        lastHandlers.put(stateKey, actor);
    }

    /** After a send-back with "resubmit to me": the state, and the user, the next agreement returns to; or none. */
    private void returnTo(StateRef state, String user) {
        returnTo = state;
        returnToUser = user;
    }

    /** Sets the given values; a null value clears the field. */
    private void setFields(Map<String, Object> changes) {
        changes.forEach(this::setField);
    }

    private void setField(String field, Object value) {
        if (value == null) {
            fields.remove(field);
        } else {
            fields.put(field, value);
        }
    }

    /** An event that changes nothing else: {@code actor} is involved now, and the version moves on. */
    private void touched(String actor) {
        involved.add(actor);
        version++;
    }

    /** An event that changes nothing the rules read: the version moves on. */
    private void touched() {
        version++;
    }

    private void involve(Iterable<String> users) {
        users.forEach(involved::add);
    }

    /** {@code next} must act now, after {@code actor}'s action; whoever lost their place to it is remembered. */
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
