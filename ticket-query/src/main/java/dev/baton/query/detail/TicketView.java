package dev.baton.query.detail;

import dev.baton.api.ticket.TicketSnapshot;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.support.auth.Caller;

/** A ticket the caller may see, with its workflow version's definition and how the acting user relates to it. */
public record TicketView(Caller caller, TicketSnapshot ticket, WorkflowDefinition definition, Relation relation) {

    /** How the acting user relates to the ticket (all false for a stranger). */
    public record Relation(boolean creator, boolean acted, boolean assigned, boolean copied) {
        public static final Relation NONE = new Relation(false, false, false, false);

        public boolean any() {
            return creator || acted || assigned || copied;
        }
    }

    /**
     * Reads the ticket only through the workflow's view permission: not related to it, not an admin. Such a viewer
     * sees the permission's fields and may not act.
     */
    public boolean viewerOnly() {
        return definition.restrictView() && !relation.any() && !administers();
    }

    public String user() {
        return caller.user();
    }

    /** Administers the ticket: a workflow admin, or any user of an admin caller application. */
    public boolean administers() {
        return caller.admin() || definition.admins().contains(caller.user());
    }
}
