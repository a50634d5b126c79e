package dev.baton.command.ticket;

import dev.baton.api.app.CallerApp;
import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.TransitionDef;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.engine.DirectoryView;
import dev.baton.engine.FieldValues;
import dev.baton.support.auth.CallerApps;
import dev.baton.support.replica.WorkflowCatalog;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The guards several capabilities share, each named for what it expects and refusing with a typed reason shaped
 * "Expected X, but Y". A capability's own guards stay in its package.
 */
public final class Guards {
    /** The longest comment a command may carry. */
    public static final int MAX_COMMENT = 4000;

    private Guards() {
    }

    public static CallerApp assertCallerMayUse(CallerApps apps, String appId, String workflow) {
        CallerApp caller = apps.find(appId).orElseThrow(() -> new BatonException(ErrorCode.UNAUTHENTICATED,
                "Expected a known caller application, but got '" + appId + "'"));
        if (!caller.mayUse(workflow)) {
            throw new BatonException(ErrorCode.WORKFLOW_NOT_GRANTED,
                    "Expected a caller granted workflow '" + workflow + "', but '" + appId + "' is not");
        }
        return caller;
    }

    /**
     * A caller application not granted the ticket's workflow is answered as for a ticket that does not exist, before
     * anything else is looked at: it learns nothing of the ticket, its version or its state.
     */
    public static CallerApp assertCallerSees(TicketState ticket, CallerApps apps, String appId) {
        CallerApp caller = apps.find(appId).orElseThrow(() -> new BatonException(ErrorCode.UNAUTHENTICATED,
                "Expected a known caller application, but got '" + appId + "'"));
        if (!caller.mayUse(ticket.workflowKey())) {
            throw new BatonException(ErrorCode.TICKET_NOT_FOUND, "No ticket '" + ticket.ticketId() + "'");
        }
        return caller;
    }

    /**
     * As above, then the version the command names, if it names one: the guards every command on a ticket starts
     * with, in this order.
     */
    public static CallerApp assertCallerSees(TicketState ticket, CallerApps apps, String appId, Long expectedVersion) {
        CallerApp caller = assertCallerSees(ticket, apps, appId);
        assertVersion(ticket, expectedVersion);
        return caller;
    }

    public static void assertVersion(TicketState ticket, Long expected) {
        if (expected != null && expected != ticket.version()) {
            throw new BatonException(ErrorCode.CONCURRENT_MODIFICATION,
                    "Expected the ticket at version " + expected + ", but it is at version " + ticket.version());
        }
    }

    public static void assertOpen(TicketState ticket) {
        if (!ticket.status().open()) {
            throw new BatonException(ErrorCode.WRONG_STATE, "Expected an open ticket, but it is " + ticket.status());
        }
    }

    public static void assertNoOpenAddSign(TicketState ticket) {
        if (ticket.assignment().signRequestedBy() != null) {
            throw new BatonException(ErrorCode.WRONG_STATE, "Expected no open add-sign, but "
                    + ticket.assignment().users() + " must first answer " + ticket.assignment().signRequestedBy());
        }
    }

    /** A workflow admin, or any user acting through an admin caller application. */
    public static boolean isAdmin(CallerApp caller, WorkflowDefinition definition, String actor) {
        return caller.admin() || definition.admins().contains(actor);
    }

    public static void assertAdmin(CallerApp caller, WorkflowDefinition definition, String actor) {
        if (!isAdmin(caller, definition, actor)) {
            throw new BatonException(ErrorCode.ADMIN_REQUIRED, "Expected a workflow admin " + definition.admins()
                    + " or an admin application, but '" + actor + "' through '" + caller.appId() + "' is neither");
        }
    }

    /**
     * An admin's action on an open ticket: the caller sees the ticket, at the expected version, the reason fits, and
     * the actor is an admin of the ticket's workflow version, which is returned.
     */
    public static WorkflowDefinition assertAdminAction(TicketState ticket, CallerApps apps, String appId,
                                                       Long expectedVersion, String actor, String reason,
                                                       WorkflowCatalog catalog) {
        CallerApp caller = assertCallerSees(ticket, apps, appId);
        assertVersion(ticket, expectedVersion);
        assertOpen(ticket);
        assertText("reason", reason, MAX_COMMENT, false);
        WorkflowDefinition definition = definition(ticket, catalog);
        assertAdmin(caller, definition, actor);
        return definition;
    }

    public static void assertNotAtStart(TicketState ticket, String what) {
        if (ticket.stateType() == StateType.START) {
            throw new BatonException(ErrorCode.WRONG_STATE,
                    "Expected a submitted ticket to be " + what + ", but it is at its start state");
        }
    }

    /** Transfer and add-sign: an open, submitted ticket the actor holds (accepted), handed to a new active user. */
    public static void assertMayHandOver(TicketState ticket, String what, String actor, Long expectedVersion,
                                         DirectoryView directory, String to) {
        assertOpen(ticket);
        assertNoOpenAddSign(ticket);
        assertNotAtStart(ticket, what);
        assertParticipant(ticket, actor, expectedVersion);
        assertAccepted(ticket);
        if (to != null || what.equals("transferred")) {
            assertNewParticipant(ticket, directory, to);
        }
    }

    /**
     * The actor must be one of those who act now. One who could act until somebody else acted (a colleague took the
     * ticket, a countersign was decided, an admin moved it) is told the ticket moved on (409: read it again), unless
     * the command named the current version, which the actor then read; only one who never could act is refused
     * outright (403).
     */
    public static void assertParticipant(TicketState ticket, String actor, Long expectedVersion) {
        if (ticket.assignment().includes(actor)) {
            return;
        }
        String actedSince = ticket.actedSince(actor);
        if (actedSince != null && expectedVersion == null) {
            throw new BatonException(ErrorCode.CONCURRENT_MODIFICATION, "Expected the ticket still with '" + actor
                    + "', but '" + actedSince + "' acted on it since; it is now with " + ticket.assignment().users());
        }
        throw new BatonException(ErrorCode.NOT_A_PARTICIPANT,
                "Expected one of " + ticket.assignment().users() + ", but got '" + actor + "'");
    }

    public static void assertAccepted(TicketState ticket) {
        if (ticket.assignment().awaitingAccept()) {
            throw new BatonException(ErrorCode.ACCEPT_REQUIRED, "Expected one of " + ticket.assignment().users()
                    + " to accept the ticket first, but nobody has");
        }
    }

    public static void assertNewParticipant(TicketState ticket, DirectoryView directory, String user) {
        if (user == null || user.isBlank()) {
            throw new BatonException(ErrorCode.INVALID_INPUT, "Expected a user to hand the ticket to, but got none");
        }
        assertActiveUser(directory, user, "an active user of the directory");
        if (ticket.assignment().includes(user) || ticket.assignment().queue().contains(user)) {
            throw new BatonException(ErrorCode.INVALID_INPUT,
                    "Expected someone other than the current participants, but '" + user + "' is one");
        }
    }

    /** Every user named is an active user of the directory. */
    public static void assertActiveUsers(DirectoryView directory, List<String> users) {
        for (String user : users) {
            assertActiveUser(directory, user, "active users of the directory");
        }
    }

    private static void assertActiveUser(DirectoryView directory, String user, String expected) {
        if (user == null || directory.user(user).filter(u -> u.active()).isEmpty()) {
            throw new BatonException(ErrorCode.USER_NOT_FOUND, "Expected " + expected + ", but got '" + user + "'");
        }
    }

    public static TransitionDef assertTransitionLeaves(WorkflowDefinition definition, StateDef current,
                                                       String transitionKey) {
        if (transitionKey == null || transitionKey.isBlank()) {
            throw new BatonException(ErrorCode.INVALID_INPUT, "Expected a transition, but got none");
        }
        return definition.transition(transitionKey).filter(t -> t.from().equals(current.key())).orElseThrow(() ->
                new BatonException(ErrorCode.TRANSITION_NOT_AVAILABLE, "Expected one of "
                        + definition.transitionsFrom(current.key()).stream().map(TransitionDef::key).toList()
                        + " from state '" + current.key() + "', but got '" + transitionKey + "'"));
    }

    public static void assertEditable(StateDef state, Set<String> fieldKeys) {
        List<String> readOnly = fieldKeys.stream().filter(k -> !state.access(k).editable()).sorted().toList();
        if (!readOnly.isEmpty()) {
            throw new BatonException(ErrorCode.FIELD_READ_ONLY, "Expected only fields editable in state '"
                    + state.key() + "', but got " + readOnly,
                    readOnly.stream().map(k -> "Field '" + k + "' is " + state.access(k) + " in state '"
                            + state.key() + "'").toList());
        }
    }

    public static void assertRequiredFieldsFilled(StateDef state, Map<String, Object> values) {
        List<String> missing = FieldValues.missingRequired(state, values);
        if (!missing.isEmpty()) {
            throw new BatonException(ErrorCode.REQUIRED_FIELD_MISSING, "Expected values for the required fields "
                    + missing + " of state '" + state.key() + "', but they are empty",
                    missing.stream().map(k -> "Field '" + k + "' is required").toList());
        }
    }

    public static void assertText(String name, String value, int max, boolean required) {
        if (required && (value == null || value.isBlank())) {
            throw new BatonException(ErrorCode.INVALID_INPUT, "Expected a non-blank " + name + ", but got none");
        }
        if (value != null && value.length() > max) {
            throw new BatonException(ErrorCode.INVALID_INPUT,
                    "Expected a " + name + " of at most " + max + " characters, but got " + value.length());
        }
    }

    /** The ticket's current state in its own workflow version. */
    public static StateDef currentState(TicketState ticket, WorkflowDefinition definition) {
        return definition.state(ticket.stateKey()).orElseThrow(() -> new BatonException(ErrorCode.INVALID_DEFINITION,
                "Expected state '" + ticket.stateKey() + "' in workflow '" + ticket.workflowKey() + "' v"
                        + ticket.workflowVersion() + ", but it is missing"));
    }

    /** The ticket's own workflow version. */
    public static WorkflowDefinition definition(TicketState ticket, WorkflowCatalog catalog) {
        return catalog.requireVersion(ticket.workflowKey(), ticket.workflowVersion()).definition();
    }
}
