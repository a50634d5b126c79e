package dev.baton.notification.hook;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.Topics;
import dev.baton.api.error.BatonException;
import dev.baton.api.ticket.event.HookRequested;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.ticket.event.TicketEvent;
import dev.baton.api.ticket.event.TicketMigrated;
import dev.baton.api.trace.TraceParent;
import dev.baton.api.workflow.EventHook;
import dev.baton.engine.BatonJson;
import dev.baton.notification.consumer.RecordHandler;
import dev.baton.notification.consumer.RoleConsumers;
import dev.baton.notification.consumer.SeenTickets;
import dev.baton.notification.consumer.StateExits;
import dev.baton.support.kafka.TicketEventCodec;
import dev.baton.support.logging.TicketLog;
import dev.baton.support.replica.WorkflowCatalog;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hook role's view of {@link Topics#TICKET_EVENTS}, in its own consumer group: keeps each requested hook call
 * until it is made, cancels the open calls of a state the ticket left (an admin moved it on meanwhile), and queues a
 * call for each of the workflow's event hooks that wants an event (the workflow version comes from the ticket's
 * creation, noted in {@code hook_ticket}). The {@link HookCaller} is woken for each call queued, once it is
 * committed.
 */
@Component
public class HookEventListener implements RecordHandler {
    public static final String ROLE = "hooks";
    public static final String LISTENER_ID = "hook-worker-ticket-events";
    public static final String GROUP = "baton-hook-worker";

    private final TicketEventCodec codec;
    private final HookCalls calls;
    private final HookFieldNames fieldNames;
    private final WorkflowCatalog catalog;
    private final HookCaller caller;
    private final Clock clock;
    private final ObjectMapper json = BatonJson.mapper();
    private final SeenTickets withCalls;
    private final SeenTickets followed;

    public HookEventListener(TicketEventCodec codec, HookCalls calls, HookFieldNames fieldNames,
                             WorkflowCatalog catalog, HookCaller caller, Clock clock, HookSeenTickets seen) {
        this.withCalls = seen.withCalls();
        this.followed = seen.followed();
        this.codec = codec;
        this.calls = calls;
        this.fieldNames = fieldNames;
        this.catalog = catalog;
        this.caller = caller;
        this.clock = clock;
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
            containerFactory = "hookListenerFactory", autoStartup = "${baton.hooks.enabled:true}",
            properties = {RoleConsumers.FETCH_MIN_BYTES, RoleConsumers.FETCH_MAX_WAIT})
    public void on(ConsumerRecord<String, String> record) throws IOException {
        if (cannotConcernHooks(record)) {
            return; // most records: no log line, so no log context either
        }
        try (TicketLog.Scope ignored = TicketLog.of(record.key())
                .trace(TicketEventCodec.header(record, TraceParent.HEADER)).open()) {
            apply(record);
        }
    }

    private void apply(ConsumerRecord<String, String> record) throws IOException {
        Optional<TicketEventCodec.Envelope> decoded = codec.decode(record);
        if (decoded.isEmpty()) {
            return;
        }
        TicketEvent event = decoded.get().event();
        long sequence = decoded.get().sequence();
        if (event instanceof TicketCreated created) {
            withCalls.keepsNothing(created.ticketId());
            // only tickets whose workflow version has event hooks are followed: the rest cost no lookups later
            if (!eventHooks(created.workflowKey(), created.workflowVersion()).isEmpty()) {
                calls.follow(created.ticketId(), created.workflowKey(), created.workflowVersion());
                followed.keepsRows(created.ticketId());
            } else {
                followed.keepsNothing(created.ticketId());
            }
        } else if (event instanceof TicketMigrated migrated) {
            calls.workflowOf(migrated.ticketId()).ifPresent(w ->
                    calls.follow(migrated.ticketId(), w.getKey(), migrated.toVersion()));
            followed.forget(migrated.ticketId());
        }
        if (followed.mayKeepRows(event.ticketId())) {
            tellOthers(decoded.get(), event, sequence);
        }
        if (event instanceof HookRequested request) {
            // the names first: the call may be made, and answered, as soon as it is queued
            fieldNames.keep(request.hookId(), request.hook().fields());
            calls.add(request, json.writeValueAsString(request.payload()), sequence, decoded.get().trace(),
                    clock.instant());
            withCalls.keepsRows(request.ticketId());
            caller.wake();
        } else if (StateExits.leaves(event) && withCalls.mayKeepRows(event.ticketId())) {
            // a ticket seen from its creation on without a hook request has no call to cancel
            calls.cancelBefore(event.ticketId(), sequence);
            withCalls.keepsNothing(event.ticketId());
        }
    }

    /**
     * Whether the record cannot queue or cancel a call, told from its type and key without reading it: not a creation,
     * a migration or a hook request, of a ticket known not to be followed for event hooks, and either no state exit
     * or one of a ticket known to have no calls.
     */
    private boolean cannotConcernHooks(ConsumerRecord<String, String> record) {
        Optional<Class<? extends TicketEvent>> type = StateExits.typeOf(record);
        String ticketId = record.key();
        if (type.isEmpty() || ticketId == null || type.get() == TicketCreated.class
                || type.get() == TicketMigrated.class || type.get() == HookRequested.class
                || followed.mayKeepRows(ticketId)) {
            return false;
        }
        return !StateExits.leaves(type.get()) || !withCalls.mayKeepRows(ticketId);
    }

    /** The event hooks of a workflow version; none for a version this worker's replica does not hold. */
    private List<EventHook> eventHooks(String workflowKey, int version) {
        try {
            // waits, bounded, for the workflows replica when the version is not known yet
            return catalog.requireVersion(workflowKey, version).definition().eventHooks();
        } catch (BatonException unknown) {
            return List.of();
        }
    }

    /** The workflow's event hooks that want this event: one call each, with the kinds it stands for. */
    private void tellOthers(TicketEventCodec.Envelope envelope, TicketEvent event, long sequence) throws IOException {
        List<EventHook.Kind> kinds = EventKinds.of(event);
        if (kinds.isEmpty()) {
            return;
        }
        Optional<Map.Entry<String, Integer>> workflow = calls.workflowOf(event.ticketId());
        if (workflow.isEmpty()) {
            return; // the ticket's creation was not seen (it predates this role): nothing to go by
        }
        List<EventHook> hooks = eventHooks(workflow.get().getKey(), workflow.get().getValue());
        for (int i = 0; i < hooks.size(); i++) {
            EventHook hook = hooks.get(i);
            List<EventHook.Kind> wanted = kinds.stream().filter(hook.events()::contains).toList();
            if (wanted.isEmpty()) {
                continue;
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("eventId", envelope.eventId());
            payload.put("events", wanted);
            payload.put("eventType", event.getClass().getSimpleName());
            payload.put("ticketId", event.ticketId());
            payload.put("workflow", workflow.get().getKey());
            payload.put("workflowVersion", workflow.get().getValue());
            payload.put("sequence", sequence);
            payload.put("actor", event.actor());
            payload.put("at", event.at().toString());
            calls.addEvent(envelope.eventId() + "-e" + (i + 1), event.ticketId(), hook,
                    json.writeValueAsString(payload), sequence, envelope.trace(), clock.instant());
            caller.wake();
        }
    }
}
