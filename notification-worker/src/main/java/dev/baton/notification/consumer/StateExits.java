package dev.baton.notification.consumer;

import dev.baton.api.CloudEventHeaders;
import dev.baton.api.ticket.event.TicketClosed;
import dev.baton.api.ticket.event.TicketDeleted;
import dev.baton.api.ticket.event.TicketEvent;
import dev.baton.api.ticket.event.TicketEventTypes;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.ticket.event.TicketJumped;
import dev.baton.api.ticket.event.TicketMigrated;
import dev.baton.api.ticket.event.TicketSentBack;
import dev.baton.api.ticket.event.TicketWithdrawn;
import dev.baton.support.kafka.TicketEventCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.Optional;

/** The events after which what a ticket's state asked for (its timers, its hook call) no longer applies. */
public final class StateExits {
    private StateExits() {
    }

    /** The event type a ticket event record carries ({@code ce_type}), when this version knows it. */
    public static Optional<Class<? extends TicketEvent>> typeOf(ConsumerRecord<String, ?> record) {
        return Optional.ofNullable(TicketEventCodec.header(record, CloudEventHeaders.TYPE))
                .flatMap(TicketEventTypes::forCeType);
    }

    public static boolean leaves(TicketEvent event) {
        return leaves(event.getClass());
    }

    /** The same, told from the event's type alone (a record's {@code ce_type}, before reading the record). */
    public static boolean leaves(Class<?> type) {
        return type == TicketHandled.class || type == TicketJumped.class || type == TicketWithdrawn.class
                || type == TicketSentBack.class || type == TicketClosed.class || type == TicketDeleted.class
                || type == TicketMigrated.class;
    }
}
