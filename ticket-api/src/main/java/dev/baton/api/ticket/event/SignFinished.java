package dev.baton.api.ticket.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.baton.api.ticket.Assignment;

import java.time.Instant;

/**
 * An added signer answered. While others must still answer ({@code pending}), {@code assignment} holds them;
 * otherwise it is the assignment restored from before the add-sign. Events written before modes existed carry
 * neither {@code agree} nor {@code pending}: one signer who agreed and closed the add-sign.
 *
 * @param returnedTo who added the signers
 * @param agree      the signer's answer; before the actor it is advice, after the actor an objection returns the
 *                   ticket to them with their decision undone
 * @param pending    other signers must still answer
 */
public record SignFinished(String ticketId, String actor, Instant at, String returnedTo, String comment,
                           Assignment assignment,
                           @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Agreed.class)
                           Boolean agree,
                           @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = Closing.class)
                           Boolean pending) implements TicketEvent {
    public SignFinished {
        agree = agree == null || agree;
        pending = pending != null && pending;
    }

    public SignFinished(String ticketId, String actor, Instant at, String returnedTo, String comment,
                        Assignment assignment) {
        this(ticketId, actor, at, returnedTo, comment, assignment, true, false);
    }

    /** Leaves {@code agree} out when it is true, the shape before answers could object. */
    public static final class Agreed {
        @Override
        public boolean equals(Object value) {
            return Boolean.TRUE.equals(value);
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }

    /** Leaves {@code pending} out when it is false, the shape before several signers. */
    public static final class Closing {
        @Override
        public boolean equals(Object value) {
            return Boolean.FALSE.equals(value);
        }

        @Override
        public int hashCode() {
            return 2;
        }
    }

    /** True when this answer closed the add-sign. */
    public boolean closed() {
        return !pending;
    }
}
