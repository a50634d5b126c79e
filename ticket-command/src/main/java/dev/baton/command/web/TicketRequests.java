package dev.baton.command.web;

import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.SignMode;
import dev.baton.api.ticket.SignPosition;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * The bodies the command API accepts. Unknown properties are ignored; missing ones are refused by the rules. A null
 * inside a list or map that names users or states is refused here (400, naming the property), before any command is
 * built; a null field value means "clear the field" and is for the rules to judge.
 */
final class TicketRequests {
    /** A leave request of the demo workflow, submitted at once. */
    static final String CREATE_EXAMPLE = """
            {"workflow": "leave-request", "title": "Family trip",
             "fields": {"days": 5, "reason": "family trip", "start_date": "2026-12-14"},
             "transition": "submit", "comment": "Back on the 21st"}""";
    /** The leader's approval, with a comment; {@code expectedVersion} refuses it if the ticket moved on. */
    static final String HANDLE_EXAMPLE = """
            {"transition": "leader_approve", "comment": "enjoy", "expectedVersion": 1}""";

    private TicketRequests() {
    }

    /** A request that says what is wrong with its own shape. */
    interface Checked {
        void check();
    }

    /** Create a ticket; with {@code transition} it is submitted at once, without it saved as a draft. */
    @Schema(name = "CreateTicketRequest")
    record Create(String workflow, String title, Map<String, Object> fields, String transition, String comment) {
    }

    /** A null field value clears the field. */
    @Schema(name = "HandleTicketRequest")
    record Handle(String transition, Map<String, Object> fields, String comment, Long expectedVersion) {
    }

    @Schema(name = "AcceptTicketRequest")
    record Accept(Long expectedVersion) {
    }

    @Schema(name = "TransferTicketRequest")
    record HandOver(String to, String comment, Long expectedVersion) implements Checked {
        @Override
        public void check() {
            present("to", to);
        }
    }

    @Schema(name = "ReleaseTicketRequest")
    record Release(String comment, Long expectedVersion) {
    }

    @Schema(name = "WithdrawTicketRequest")
    record Withdraw(String comment, Long expectedVersion) {
    }

    /** Without {@code to}, the state's participant rule is resolved afresh. */
    @Schema(name = "ReassignTicketRequest")
    record Reassign(List<String> to, String reason, Long expectedVersion) implements Checked {
        @Override
        public void check() {
            noNullItems("to", to);
        }
    }

    @Schema(name = "JumpTicketRequest")
    record Jump(String toState, String reason, Long expectedVersion) {
    }

    /** A null value clears the field. */
    @Schema(name = "PatchFieldsRequest")
    record Patch(Map<String, Object> fields, String comment, Long expectedVersion) {
    }

    @Schema(name = "CcTicketRequest")
    record Cc(List<String> to, String comment, Long expectedVersion) implements Checked {
        @Override
        public void check() {
            noNullItems("to", to);
        }
    }

    @Schema(name = "RemindTicketRequest")
    record Remind(String comment, Long expectedVersion) {
    }

    /** {@code stateMapping}: old state key to new; states it does not name keep their key. */
    @Schema(name = "MigrateTicketRequest")
    record Migrate(Integer toVersion, Map<String, String> stateMapping, String reason, Long expectedVersion)
            implements Checked {
        @Override
        public void check() {
            present("toVersion", toVersion);
            noNullValues("stateMapping", stateMapping);
        }
    }

    /** {@code resubmitToMe}: the next agreement at {@code toState} brings the ticket straight back. */
    @Schema(name = "SendBackTicketRequest")
    record SendBack(String toState, String comment, Boolean resubmitToMe, Long expectedVersion) {
    }

    /** {@code agree} defaults to true. */
    @Schema(name = "FinishSignRequest")
    record FinishSign(Boolean agree, String comment, Long expectedVersion) {
    }

    /** Either {@code to} (one user) or {@code users}; {@code position} defaults to BEFORE, {@code mode} to ANY. */
    @Schema(name = "AddSignRequest")
    record AddSign(String to, List<String> users, SignPosition position, SignMode mode, String transition,
                   String comment, Long expectedVersion) implements Checked {
        @Override
        public void check() {
            if (to != null && users != null) {
                throw new BatonException(ErrorCode.INVALID_INPUT,
                        "Expected either 'to' (one user) or 'users', but got both");
            }
            noNullItems("users", users);
        }
    }

    @Schema(name = "CloseTicketRequest")
    record Close(String reason, Long expectedVersion) {
    }

    @Schema(name = "CommentRequest")
    record Comment(String comment, Long expectedVersion) {
    }

    static void present(String name, Object value) {
        if (value == null) {
            throw new BatonException(ErrorCode.INVALID_INPUT, "Expected '" + name + "', but it is missing");
        }
    }

    static void noNullItems(String name, List<?> items) {
        if (items == null) {
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) == null) {
                throw new BatonException(ErrorCode.INVALID_INPUT,
                        "Expected a value at '" + name + "[" + i + "]', but got null");
            }
        }
    }

    static void noNullValues(String name, Map<String, ?> entries) {
        if (entries == null) {
            return;
        }
        entries.forEach((key, value) -> {
            if (value == null) {
                throw new BatonException(ErrorCode.INVALID_INPUT,
                        "Expected a value at '" + name + "." + key + "', but got null");
            }
        });
    }
}
