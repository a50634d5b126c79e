package dev.baton.command.web;

import dev.baton.api.ticket.SignMode;
import dev.baton.api.ticket.SignPosition;

import java.util.List;
import java.util.Map;

/** The bodies the command API accepts. Unknown properties are ignored; missing ones are refused by the rules. */
final class TicketRequests {
    private TicketRequests() {
    }

    /** Create a ticket; with {@code transition} it is submitted at once, without it saved as a draft. */
    record Create(String workflow, String title, Map<String, Object> fields, String transition, String comment) {
    }

    record Handle(String transition, Map<String, Object> fields, String comment, Long expectedVersion) {
    }

    record Accept(Long expectedVersion) {
    }

    record HandOver(String to, String comment, Long expectedVersion) {
    }

    record Release(String comment, Long expectedVersion) {
    }

    record Withdraw(String comment, Long expectedVersion) {
    }

    /** Without {@code to}, the state's participant rule is resolved afresh. */
    record Reassign(List<String> to, String reason, Long expectedVersion) {
    }

    record Jump(String toState, String reason, Long expectedVersion) {
    }

    /** A null value clears the field. */
    record Patch(Map<String, Object> fields, String comment, Long expectedVersion) {
    }

    record Cc(List<String> to, String comment, Long expectedVersion) {
    }

    record Remind(String comment, Long expectedVersion) {
    }

    /** {@code stateMapping}: old state key to new; states it does not name keep their key. */
    record Migrate(Integer toVersion, Map<String, String> stateMapping, String reason, Long expectedVersion) {
    }

    /** {@code resubmitToMe}: the next agreement at {@code toState} brings the ticket straight back. */
    record SendBack(String toState, String comment, Boolean resubmitToMe, Long expectedVersion) {
    }

    /** {@code agree} defaults to true. */
    record FinishSign(Boolean agree, String comment, Long expectedVersion) {
    }

    /** Either {@code to} (one user) or {@code users}; {@code position} defaults to BEFORE, {@code mode} to ANY. */
    record AddSign(String to, List<String> users, SignPosition position, SignMode mode, String transition,
                   String comment, Long expectedVersion) {
    }

    record Close(String reason, Long expectedVersion) {
    }

    record Comment(String comment, Long expectedVersion) {
    }
}
