package dev.baton.command.web;

import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.ticket.SignMode;
import dev.baton.api.ticket.SignPosition;

import java.util.List;
import java.util.Map;

/**
 * The bodies the command API accepts. Unknown properties are ignored; missing ones are refused by the rules. A null
 * inside a list or map that names users or states is refused here (400, naming the property), before any command is
 * built; a null field value means "clear the field" and is for the rules to judge.
 */
final class TicketRequests {
    private TicketRequests() {
    }

    /** A request that says what is wrong with its own shape. */
    interface Checked {
        void check();
    }

    /** Create a ticket; with {@code transition} it is submitted at once, without it saved as a draft. */
    record Create(String workflow, String title, Map<String, Object> fields, String transition, String comment) {
    }

    /** A null field value clears the field. */
    record Handle(String transition, Map<String, Object> fields, String comment, Long expectedVersion) {
    }

    record Accept(Long expectedVersion) {
    }

    record HandOver(String to, String comment, Long expectedVersion) implements Checked {
        @Override
        public void check() {
            present("to", to);
        }
    }

    record Release(String comment, Long expectedVersion) {
    }

    record Withdraw(String comment, Long expectedVersion) {
    }

    /** Without {@code to}, the state's participant rule is resolved afresh. */
    record Reassign(List<String> to, String reason, Long expectedVersion) implements Checked {
        @Override
        public void check() {
            noNullItems("to", to);
        }
    }

    record Jump(String toState, String reason, Long expectedVersion) {
    }

    /** A null value clears the field. */
    record Patch(Map<String, Object> fields, String comment, Long expectedVersion) {
    }

    record Cc(List<String> to, String comment, Long expectedVersion) implements Checked {
        @Override
        public void check() {
            noNullItems("to", to);
        }
    }

    record Remind(String comment, Long expectedVersion) {
    }

    /** {@code stateMapping}: old state key to new; states it does not name keep their key. */
    record Migrate(Integer toVersion, Map<String, String> stateMapping, String reason, Long expectedVersion)
            implements Checked {
        @Override
        public void check() {
            present("toVersion", toVersion);
            noNullValues("stateMapping", stateMapping);
        }
    }

    /** {@code resubmitToMe}: the next agreement at {@code toState} brings the ticket straight back. */
    record SendBack(String toState, String comment, Boolean resubmitToMe, Long expectedVersion) {
    }

    /** {@code agree} defaults to true. */
    record FinishSign(Boolean agree, String comment, Long expectedVersion) {
    }

    /** Either {@code to} (one user) or {@code users}; {@code position} defaults to BEFORE, {@code mode} to ANY. */
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

    record Close(String reason, Long expectedVersion) {
    }

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
