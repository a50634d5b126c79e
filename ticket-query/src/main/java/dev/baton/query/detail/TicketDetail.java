package dev.baton.query.detail;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.ChildRef;
import dev.baton.api.ticket.ParentRef;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketSnapshot;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.workflow.Distribution;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A ticket as its detail page shows it to the acting user; {@code parent} for a child ticket, {@code children} for a
 * ticket that started some (with the outcome of each that ended).
 */
public record TicketDetail(String ticketId, String serialNo, String title, String workflowKey, int workflowVersion,
                           String workflowName, String creator, String appId, Instant createdAt, Instant updatedAt,
                           long version, StateRef state, TicketStatus status, AssignmentView assignment,
                           List<FieldView> fields, Actions actions, ParentRef parent, List<ChildRef> children) {

    /**
     * Who must act now, named as in the events, snapshots and flow log: {@code users} have the ticket to do,
     * {@code signRequestedBy} is set while an add-sign is open, {@code queue} lists who follows in a sequential
     * state, {@code pool} whom an accepted ticket can be released to, {@code onBehalfOf} for whom a delegate holds
     * their place (delegate → delegator: "B for A"). {@code participants}, {@code next} and {@code candidates} are
     * the former names of {@code users}, {@code queue} and {@code pool}, still sent in this version.
     */
    @JsonPropertyOrder({"distribution", "users", "awaitingAccept", "done", "signRequestedBy", "queue", "pool",
            "onBehalfOf", "participants", "next", "candidates"})
    public record AssignmentView(Distribution distribution, List<String> users, boolean awaitingAccept,
                                 List<String> done, String signRequestedBy, List<String> queue, List<String> pool,
                                 Map<String, String> onBehalfOf) {
        static AssignmentView of(Assignment a) {
            return new AssignmentView(a.distribution(), a.users(), a.awaitingAccept(), a.done(), a.signRequestedBy(),
                    a.queue(), a.pool(), a.onBehalfOf());
        }

        /** Former name of {@link #users}. */
        @Deprecated
        @JsonProperty("participants")
        @Schema(deprecated = true, description = "Former name of users, sent in this version only: read users")
        public List<String> participants() {
            return users;
        }

        /** Former name of {@link #queue}. */
        @Deprecated
        @JsonProperty("next")
        @Schema(deprecated = true, description = "Former name of queue, sent in this version only: read queue")
        public List<String> next() {
            return queue;
        }

        /** Former name of {@link #pool}. */
        @Deprecated
        @JsonProperty("candidates")
        @Schema(deprecated = true, description = "Former name of pool, sent in this version only: read pool")
        public List<String> candidates() {
            return pool;
        }
    }

    public static TicketDetail of(TicketView view) {
        TicketSnapshot t = view.ticket();
        Actions actions = Actions.of(view);
        return new TicketDetail(t.ticketId(), t.serialNo(), t.title(), t.workflowKey(), t.workflowVersion(),
                t.workflowName(), t.creator(), t.appId(), t.createdAt(), t.updatedAt(), t.version(), t.state(),
                t.status(), AssignmentView.of(t.assignment()), FieldView.of(view, actions), actions, t.parent(),
                t.children());
    }
}
