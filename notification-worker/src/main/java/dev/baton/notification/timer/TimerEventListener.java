package dev.baton.notification.timer;

import dev.baton.api.Topics;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.ticket.event.TicketEvent;
import dev.baton.api.ticket.event.TimersScheduled;
import dev.baton.api.trace.TraceParent;
import dev.baton.notification.consumer.RecordHandler;
import dev.baton.notification.consumer.RoleConsumers;
import dev.baton.notification.consumer.SeenTickets;
import dev.baton.notification.consumer.StateExits;
import dev.baton.support.kafka.TicketEventCodec;
import dev.baton.support.logging.TicketLog;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.Optional;

/**
 * The timer role's view of {@link Topics#TICKET_EVENTS}, in its own consumer group: keeps the timers a ticket's
 * state schedules, and forgets them when the ticket leaves that state or ends. A ticket's events arrive in order
 * (one partition per ticket), so a schedule is always seen before the move that ends it.
 */
@Component
public class TimerEventListener implements RecordHandler {
    public static final String ROLE = "timers";
    public static final String LISTENER_ID = "timer-worker-ticket-events";
    public static final String GROUP = "baton-timer-worker";

    private final TicketEventCodec codec;
    private final TimerStore timers;
    private final TimerFirer firer;
    private final SeenTickets seen;

    public TimerEventListener(TicketEventCodec codec, TimerStore timers, TimerFirer firer,
                              SeenTickets timerSeenTickets) {
        this.seen = timerSeenTickets;
        this.codec = codec;
        this.timers = timers;
        this.firer = firer;
    }

    @Override
    public String role() {
        return ROLE;
    }

    @Override
    public void handle(ConsumerRecord<String, String> record) throws IOException {
        on(record);
    }

    @KafkaListener(id = LISTENER_ID, groupId = GROUP, topics = Topics.TICKET_EVENTS,
            containerFactory = "timerListenerFactory", autoStartup = "${baton.timers.enabled:true}",
            properties = {RoleConsumers.FETCH_MIN_BYTES, RoleConsumers.FETCH_MAX_WAIT})
    public void on(ConsumerRecord<String, String> record) throws IOException {
        if (cannotConcernTimers(record)) {
            return; // most records: no log line, so no log context either
        }
        try (TicketLog.Scope ignored = TicketLog.of(record.key())
                .trace(TicketEventCodec.header(record, TraceParent.HEADER)).open()) {
            apply(record);
        }
    }

    private void apply(ConsumerRecord<String, String> record) throws IOException {
        if (record.key() != null && StateExits.typeOf(record).orElse(null) == TicketCreated.class) {
            seen.keepsNothing(record.key()); // a creation schedules nothing itself: its key is all that is needed
            return;
        }
        Optional<TicketEventCodec.Envelope> decoded = codec.decode(record);
        if (decoded.isEmpty()) {
            return; // a type this version does not know schedules nothing
        }
        TicketEvent event = decoded.get().event();
        long sequence = decoded.get().sequence();
        if (event instanceof TicketCreated) {
            seen.keepsNothing(event.ticketId());
        } else if (event instanceof TimersScheduled schedule) {
            timers.schedule(schedule, sequence, decoded.get().trace());
            seen.keepsRows(event.ticketId());
            firer.wake(); // it learns the new timers' due times once they are committed
        } else if (StateExits.leaves(event) && seen.mayKeepRows(event.ticketId())) {
            // a ticket seen from its creation on without a schedule has no timers to forget
            timers.cancelBefore(event.ticketId(), sequence);
            seen.keepsNothing(event.ticketId());
        }
    }

    /**
     * Whether the record cannot change any timer, told from its type and key without reading it: neither a creation,
     * nor a schedule, nor a state exit of a ticket that may have timers. Most of a flow without timers stops here.
     */
    private boolean cannotConcernTimers(ConsumerRecord<String, String> record) {
        Optional<Class<? extends TicketEvent>> type = StateExits.typeOf(record);
        if (type.isEmpty() || type.get() == TicketCreated.class || type.get() == TimersScheduled.class) {
            return false;
        }
        return !StateExits.leaves(type.get()) || record.key() != null && !seen.mayKeepRows(record.key());
    }
}
