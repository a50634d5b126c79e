package dev.baton.query.flowlog;

import dev.baton.api.ticket.TicketSnapshot;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.ticket.event.TicketEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a ticket's flow log in order. The log stores each event once ({@link StoredFlowLog}); the whole ticket after
 * each entry is the fold of the events up to it ({@link TicketSnapshot#apply}), the same fold the projection itself
 * runs.
 */
@Repository
public class FlowLogReader {
    private final DatabaseClient db;

    public FlowLogReader(DatabaseClient db) {
        this.db = db;
    }

    public Flux<FlowLogItem> entries(String ticketId) {
        return db.sql("""
                        SELECT l.events FROM flow_log l JOIN ticket t ON t.ticket_no = l.ticket_no
                        WHERE t.ticket_id = :id
                        """)
                .bind("id", ticketId)
                .map(row -> row.get("events", ByteBuffer.class))
                .one()
                .flatMapIterable(events -> fold(StoredFlowLog.read(bytes(events))));
    }

    private static List<FlowLogItem> fold(List<TicketEvent> events) {
        List<FlowLogItem> items = new ArrayList<>(events.size());
        TicketSnapshot before = null;
        long seq = 0;
        for (TicketEvent event : events) {
            TicketSnapshot after = before == null ? TicketSnapshot.of((TicketCreated) event) : before.apply(event, seq);
            items.add(FlowLogItem.of(event, seq, before, after));
            before = after;
            seq++;
        }
        return items;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
