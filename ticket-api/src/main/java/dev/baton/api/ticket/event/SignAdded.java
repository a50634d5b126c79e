package dev.baton.api.ticket.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.SignMode;
import dev.baton.api.ticket.SignPosition;
import dev.baton.api.ticket.TransitionRef;

import java.time.Instant;
import java.util.List;

/**
 * The acting participant added signers. Events written before positions and modes existed carry only {@code to}:
 * one signer, before the actor, so {@link #signers()}, {@link #position()} and {@link #mode()} default to that.
 *
 * @param to         the first added signer
 * @param assignment who must act now: the signers (before or after the actor), or the actor with the signers
 *                   (parallel)
 * @param users      every added signer, in order
 * @param position   before, after or in parallel with the actor
 * @param mode       any one, all, or all one after another
 * @param transition after the actor: the actor's decision, taken once the signers agree
 * <p>
 * Written as before positions and modes existed when they hold their defaults (one signer, before, any), so the
 * common add-sign keeps its first shape.
 */
public record SignAdded(String ticketId, String actor, Instant at, String to, String comment, Assignment assignment,
                        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = OneSigner.class)
                        List<String> users,
                        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Before.class)
                        SignPosition position,
                        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = AnyOne.class)
                        SignMode mode,
                        TransitionRef transition)
        implements TicketEvent {
    public SignAdded {
        users = users == null || users.isEmpty() ? (to == null ? List.of() : List.of(to)) : List.copyOf(users);
        position = position == null ? SignPosition.BEFORE : position;
        mode = mode == null ? SignMode.ANY : mode;
    }

    /** Leaves {@code users} out when it is {@code [to]}. */
    public static final class OneSigner {
        @Override
        public boolean equals(Object value) {
            return value instanceof List<?> users && users.size() == 1;
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }

    /** Leaves {@code position} out when it is {@code BEFORE}. */
    public static final class Before {
        @Override
        public boolean equals(Object value) {
            return value == SignPosition.BEFORE;
        }

        @Override
        public int hashCode() {
            return 2;
        }
    }

    /** Leaves {@code mode} out when it is {@code ANY}. */
    public static final class AnyOne {
        @Override
        public boolean equals(Object value) {
            return value == SignMode.ANY;
        }

        @Override
        public int hashCode() {
            return 3;
        }
    }

    /** One signer before the actor, the form every add-sign had before positions and modes. */
    public SignAdded(String ticketId, String actor, Instant at, String to, String comment, Assignment assignment) {
        this(ticketId, actor, at, to, comment, assignment, List.of(to), SignPosition.BEFORE, SignMode.ANY, null);
    }
}
