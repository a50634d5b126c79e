package dev.baton.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.baton.api.CloudEventHeaders;
import dev.baton.api.Topics;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.ParentRef;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketSnapshot;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.TransitionRef;
import dev.baton.api.ticket.event.CommentAdded;
import dev.baton.api.ticket.event.CountersignRecorded;
import dev.baton.api.ticket.event.SignAdded;
import dev.baton.api.ticket.event.SignFinished;
import dev.baton.api.ticket.event.TicketAccepted;
import dev.baton.api.ticket.event.TicketClosed;
import dev.baton.api.ticket.event.TicketCopied;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.ticket.event.TicketEvent;
import dev.baton.api.ticket.event.TicketEventTypes;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.ticket.event.TicketTransferred;
import dev.baton.api.workflow.Distribution;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * Tells one leave-request ticket's story the way ticket-command would: each step builds the event, produces it to
 * the ticket events topic with the CloudEvents headers and the next sequence number, and folds it into the
 * expected snapshot. Events can also be built without sending them, to send them late, twice or out of order.
 */
public class TicketStory {
    private static final String SOURCE = "/baton/ticket-command";

    private final KafkaTemplate<String, String> kafka;
    private final JdbcTemplate jdbc;
    public final String id = "T-" + UUID.randomUUID();
    private final List<ProducerRecord<String, String>> records = new ArrayList<>();
    private final List<TicketSnapshot> snapshots = new ArrayList<>();
    private TicketSnapshot snapshot;
    private long sequence = -1;
    private Instant clock;
    private Integer partition;

    TicketStory(KafkaTemplate<String, String> kafka, JdbcTemplate jdbc) {
        this.kafka = kafka;
        this.jdbc = jdbc;
    }

    public static StateRef state(String key) {
        return StateRef.of(QueryTestBase.LEAVE_REQUEST.state(key).orElseThrow());
    }

    public static TransitionRef transition(String key) {
        return TransitionRef.of(QueryTestBase.LEAVE_REQUEST.transition(key).orElseThrow());
    }

    public TicketStory create(String creator, String title, Instant at) {
        return create(creator, title, at, 1, "SN-" + id.substring(2, 10), Map.of("days", 2L, "reason", "holiday"));
    }

    public TicketStory create(String creator, String title, Instant at, int workflowVersion, String serialNo,
                              Map<String, Object> fields) {
        clock = at;
        return send(new TicketCreated(id, serialNo, "leave-request", workflowVersion, "Leave request", title, creator,
                "hr-app", at, fields, state("draft"), Assignment.of(Distribution.ANY_ONE, List.of(creator)),
                TicketStatus.DRAFT));
    }

    /** A child ticket of {@code parent}, started while the parent waits in its leader approval. */
    public TicketStory createChild(String creator, String title, Instant at, TicketStory parent) {
        clock = at;
        return send(new TicketCreated(id, "SN-" + id.substring(2, 10), "leave-request", 1, "Leave request", title,
                creator, "hr-app", at, Map.of("days", 1L), state("draft"),
                Assignment.of(Distribution.ANY_ONE, List.of(creator)), TicketStatus.DRAFT,
                new ParentRef(parent.id, parent.snapshot().serialNo(), "leader_approval"), Map.of()));
    }

    public TicketStory copy(String actor, String... to) {
        return send(new TicketCopied(id, actor, tick(), List.of(to), "for your information"));
    }

    /** The creator submits: the ticket goes to the leader. */
    public TicketStory submit(String leader) {
        return handle(snapshot.creator(), "submit", "leader_approval",
                Assignment.of(Distribution.ANY_ONE, List.of(leader)), TicketStatus.IN_PROGRESS, Map.of(), null);
    }

    public TicketStory handle(String actor, String transitionKey, String to, Assignment next, TicketStatus status,
                              Map<String, Object> fields, String comment) {
        return send(new TicketHandled(id, actor, tick(), transition(transitionKey), snapshot.state(), state(to),
                fields, comment, next, status));
    }

    public TicketStory countersign(String actor, String transitionKey, List<String> stillToAct) {
        List<String> done = Stream.concat(snapshot.assignment().done().stream(), Stream.of(actor)).toList();
        return send(new CountersignRecorded(id, actor, tick(), transition(transitionKey), snapshot.state(), Map.of(),
                "signed", new Assignment(Distribution.ALL, stillToAct, false, done, null)));
    }

    public TicketStory accept(String actor) {
        return send(new TicketAccepted(id, actor, tick(),
                new Assignment(snapshot.assignment().distribution(), List.of(actor), false, List.of(), null)));
    }

    public TicketStory transfer(String actor, String to) {
        List<String> users = snapshot.assignment().users().stream().map(u -> u.equals(actor) ? to : u).toList();
        return send(new TicketTransferred(id, actor, tick(), to, "over to you",
                new Assignment(snapshot.assignment().distribution(), users, false, snapshot.assignment().done(), null)));
    }

    public TicketStory addSign(String actor, String to) {
        return send(new SignAdded(id, actor, tick(), to, "what do you think?",
                new Assignment(snapshot.assignment().distribution(), List.of(to), false, List.of(), actor)));
    }

    public TicketStory finishSign(String actor) {
        String back = snapshot.assignment().signRequestedBy();
        return send(new SignFinished(id, actor, tick(), back, "fine by me",
                new Assignment(snapshot.assignment().distribution(), List.of(back), false, List.of(), null)));
    }

    public TicketStory close(String actor, String reason) {
        return send(new TicketClosed(id, actor, tick(), reason, snapshot.state()));
    }

    public TicketStory comment(String actor, String text) {
        return send(new CommentAdded(id, actor, tick(), text));
    }

    /** Produces the next event and remembers it. */
    public TicketStory send(TicketEvent event) {
        sequence++;
        ProducerRecord<String, String> record = record(event, sequence, UUID.randomUUID().toString());
        snapshot = snapshot == null ? TicketSnapshot.of((TicketCreated) event) : snapshot.apply(event, sequence);
        snapshots.add(snapshot);
        records.add(record);
        if (!held) {
            produce(record);
        }
        return this;
    }

    /**
     * Builds the next event's record and folds it into the expected story, but does not send it: the test sends it
     * later with {@link #produce}, e.g. after a successor, to make a gap.
     */
    public ProducerRecord<String, String> hold(java.util.function.Consumer<TicketStory> step) {
        int before = records.size();
        held = true;
        try {
            step.accept(this);
        } finally {
            held = false;
        }
        if (records.size() != before + 1) {
            throw new IllegalStateException("Expected the step to build exactly one event");
        }
        return records.get(before);
    }

    private boolean held;

    /**
     * Sends this story's records to one partition of the topic (not the key's), so that several tickets' events can
     * meet in one poll.
     */
    public TicketStory inPartition(int partition) {
        this.partition = partition;
        return this;
    }

    /** Sends a record now (a held one, or a copy of one sent before). */
    public void produce(ProducerRecord<String, String> record) {
        ProducerRecord<String, String> sent = partition == null ? record
                : new ProducerRecord<>(record.topic(), partition, record.key(), record.value(), record.headers());
        try {
            kafka.send(sent).get();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot produce " + sent, e);
        }
    }

    public static ProducerRecord<String, String> record(TicketEvent event, long sequence, String eventId) {
        String value;
        try {
            value = QueryTestBase.JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.TICKET_EVENTS, event.ticketId(), value);
        header(record, CloudEventHeaders.SPEC_VERSION, "1.0");
        header(record, CloudEventHeaders.ID, eventId);
        header(record, CloudEventHeaders.TYPE, TicketEventTypes.ceType(event.getClass()));
        header(record, CloudEventHeaders.SOURCE, SOURCE);
        header(record, CloudEventHeaders.SUBJECT, event.ticketId());
        header(record, CloudEventHeaders.TIME, event.at().toString());
        header(record, CloudEventHeaders.SEQUENCE, Long.toString(sequence));
        header(record, CloudEventHeaders.CONTENT_TYPE, "application/json");
        return record;
    }

    public static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The record of event number {@code sequence}, as sent (for redelivering it). */
    public ProducerRecord<String, String> sent(long sequence) {
        ProducerRecord<String, String> original = records.get((int) sequence);
        return new ProducerRecord<>(original.topic(), null, original.key(), original.value(), original.headers());
    }

    /** Waits until the projection holds the whole story told so far. */
    public TicketStory projected() {
        return projected(sequence);
    }

    public TicketStory projected(long version) {
        await().atMost(Duration.ofSeconds(30)).until(() -> projectedVersion() >= version);
        return this;
    }

    public long projectedVersion() {
        List<Long> versions = jdbc.queryForList("SELECT version FROM ticket WHERE ticket_id = ?", Long.class, id);
        return versions.isEmpty() ? -1 : versions.get(0);
    }

    public TicketSnapshot snapshot() {
        return snapshot;
    }

    /** The expected snapshot after event {@code sequence}. */
    public TicketSnapshot snapshot(long sequence) {
        return snapshots.get((int) sequence);
    }

    public long version() {
        return sequence;
    }

    public Instant createdAt() {
        return snapshots.get(0).createdAt();
    }

    private Instant tick() {
        clock = clock.plusSeconds(60);
        return clock;
    }
}
