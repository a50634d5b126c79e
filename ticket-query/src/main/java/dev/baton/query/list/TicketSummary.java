package dev.baton.query.list;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * One ticket as lists show it. {@code users} are the users who must act now (the assignment's {@code users}, as
 * the detail, snapshots and flow log name them); {@code participants} is their former name, still sent in this
 * version.
 */
@JsonPropertyOrder({"ticketId", "serialNo", "title", "workflowKey", "workflowName", "state", "status", "creator",
        "users", "awaitingAccept", "createdAt", "updatedAt", "version", "participants"})
public record TicketSummary(String ticketId, String serialNo, String title, String workflowKey, String workflowName,
                            StateRef state, TicketStatus status, String creator, List<String> users,
                            boolean awaitingAccept, Instant createdAt, Instant updatedAt, long version) {

    /** Former name of {@link #users}. */
    @Deprecated
    @JsonProperty("participants")
    @Schema(deprecated = true, description = "Former name of users, sent in this version only: read users")
    public List<String> participants() {
        return users;
    }
}
