package dev.baton.notification.hook;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.Topics;
import dev.baton.api.ticket.event.HookRequested;
import dev.baton.api.ticket.event.TicketEvent;
import dev.baton.engine.BatonJson;
import dev.baton.notification.consumer.StateExits;
import dev.baton.support.kafka.TicketEventCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * The hook role's view of {@link Topics#TICKET_EVENTS}, in its own consumer group: keeps each requested hook call
 * until it is made, and cancels the open calls of a state the ticket left (an admin moved it on meanwhile).
 */
@Component
public class HookEventListener {
    public static final String LISTENER_ID = "hook-worker-ticket-events";
    public static final String GROUP = "baton-hook-worker";

    private final TicketEventCodec codec;
    private final HookCalls calls;
    private final Clock clock;
    private final ObjectMapper json = BatonJson.mapper();

    public HookEventListener(TicketEventCodec codec, HookCalls calls, Clock clock) {
        this.codec = codec;
        this.calls = calls;
        this.clock = clock;
    }

    @KafkaListener(id = LISTENER_ID, groupId = GROUP, topics = Topics.TICKET_EVENTS,
            containerFactory = "hookListenerFactory", autoStartup = "${baton.hooks.enabled:true}")
    public void on(ConsumerRecord<String, String> record) throws IOException {
        Optional<TicketEventCodec.Envelope> decoded = codec.decode(record);
        if (decoded.isEmpty()) {
            return;
        }
        TicketEvent event = decoded.get().event();
        long sequence = decoded.get().sequence();
        if (event instanceof HookRequested request) {
            calls.add(request, json.writeValueAsString(request.payload()), sequence, clock.instant());
        } else if (StateExits.leaves(event)) {
            calls.cancelBefore(event.ticketId(), sequence);
        }
    }
}
