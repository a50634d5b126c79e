package dev.baton.query.flowlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.ticket.TicketSnapshot;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.ticket.event.TicketEvent;
import dev.baton.api.ticket.event.TicketEventTypes;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads a ticket's flow log in order. The log stores each event once; the whole ticket after each entry is the
 * fold of the events up to it ({@link TicketSnapshot#apply}), the same fold the projection itself runs.
 */
@Repository
public class FlowLogReader {
    private static final Map<String, Class<? extends TicketEvent>> TYPES = TicketEventTypes.ALL.stream()
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private final DatabaseClient db;
    private final ObjectMapper json;

    public FlowLogReader(DatabaseClient db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    private record Stored(long seq, TicketEvent event) {
    }

    public Flux<FlowLogItem> entries(String ticketId) {
        return db.sql("SELECT seq, event_type, event::text AS event FROM flow_log WHERE ticket_id = :id ORDER BY seq")
                .bind("id", ticketId)
                .map(this::stored)
                .all()
                .collectList()
                .flatMapIterable(FlowLogReader::fold);
    }

    private static List<FlowLogItem> fold(List<Stored> events) {
        List<FlowLogItem> items = new ArrayList<>(events.size());
        TicketSnapshot before = null;
        for (Stored stored : events) {
            TicketSnapshot after = before == null
                    ? TicketSnapshot.of((TicketCreated) stored.event())
                    : before.apply(stored.event(), stored.seq());
            items.add(FlowLogItem.of(stored.event(), stored.seq(), before, after));
            before = after;
        }
        return items;
    }

    private Stored stored(Readable row) {
        String type = row.get("event_type", String.class);
        Class<? extends TicketEvent> eventClass = TYPES.get(type);
        if (eventClass == null) {
            throw new IllegalStateException("Unknown event type in the flow log: " + type);
        }
        try {
            return new Stored(row.get("seq", Long.class), json.readValue(row.get("event", String.class), eventClass));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
