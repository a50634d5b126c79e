package dev.baton.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.CloudEventHeaders;
import dev.baton.api.Topics;
import dev.baton.api.app.CallerApp;
import dev.baton.api.directory.DirectoryRecords;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.StateRef;
import dev.baton.api.ticket.TicketStatus;
import dev.baton.api.ticket.TransitionRef;
import dev.baton.api.ticket.event.TicketClosed;
import dev.baton.api.ticket.event.TicketCreated;
import dev.baton.api.ticket.event.TicketEvent;
import dev.baton.api.ticket.event.TicketEventTypes;
import dev.baton.api.ticket.event.TicketHandled;
import dev.baton.api.ticket.event.TicketTransferred;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.TransitionKind;
import dev.baton.engine.BatonJson;
import dev.baton.engine.Demo;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Plays ticket-command and workflow-config for the tests: ticket events, the directory and caller apps on Kafka. */
final class TicketEvents implements AutoCloseable {
    static final ObjectMapper JSON = BatonJson.mapper();
    static final StateRef DRAFT = new StateRef("draft", "Draft", StateType.START);
    static final StateRef LEADER_APPROVAL = new StateRef("leader_approval", "Leader approval", StateType.NORMAL);
    static final StateRef APPROVED = new StateRef("approved", "Approved", StateType.END);
    static final TransitionRef SUBMIT = new TransitionRef("submit", "Submit", TransitionKind.AGREE);
    static final TransitionRef APPROVE = new TransitionRef("approve", "Approve", TransitionKind.AGREE);

    private final String bootstrap;
    private final KafkaProducer<String, String> producer;

    TicketEvents(String bootstrap) {
        this.bootstrap = bootstrap;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    static String newTicketId() {
        return "t-" + UUID.randomUUID();
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** A draft created by {@code creator}: the draft is theirs, so nobody is notified. */
    static TicketCreated draft(String ticketId, String creator) {
        return new TicketCreated(ticketId, "LR-000042", "leave-request", 1, "Leave request", "Three days off",
                creator, "hr-portal", now(), Map.of("days", 3L), DRAFT, Assignment.of(Distribution.ANY_ONE,
                List.of(creator)), TicketStatus.DRAFT);
    }

    static TicketHandled submitted(String ticketId, String actor, Assignment next) {
        return new TicketHandled(ticketId, actor, now(), SUBMIT, DRAFT, LEADER_APPROVAL, Map.of(), "Please approve",
                next, TicketStatus.IN_PROGRESS);
    }

    /** The last approval: the ticket reaches its end state and nobody is assigned any more. */
    static TicketHandled finished(String ticketId, String actor) {
        return new TicketHandled(ticketId, actor, now(), APPROVE, LEADER_APPROVAL, APPROVED, Map.of(), null,
                Assignment.nobody(), TicketStatus.FINISHED);
    }

    static TicketClosed closed(String ticketId, String actor) {
        return new TicketClosed(ticketId, actor, now(), "duplicate", LEADER_APPROVAL);
    }

    static TicketTransferred transferred(String ticketId, String actor, String to) {
        return new TicketTransferred(ticketId, actor, now(), to, "Over to you",
                Assignment.of(Distribution.ANY_ONE, List.of(to)));
    }

    /** Publishes the event as ticket-command does; returns its ce_id. */
    String publish(TicketEvent event, long sequence) {
        String eventId = UUID.randomUUID().toString();
        publish(event, sequence, eventId);
        return eventId;
    }

    void publish(TicketEvent event, long sequence, String eventId) {
        try {
            publishRaw(event.ticketId(), TicketEventTypes.ceType(event.getClass()), eventId, sequence,
                    JSON.writeValueAsString(event));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void publishRaw(String ticketId, String ceType, String eventId, long sequence, String json) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.TICKET_EVENTS, ticketId, json);
        header(record, CloudEventHeaders.SPEC_VERSION, "1.0");
        header(record, CloudEventHeaders.ID, eventId);
        header(record, CloudEventHeaders.TYPE, ceType);
        header(record, CloudEventHeaders.SOURCE, "/baton/ticket-command");
        header(record, CloudEventHeaders.SUBJECT, ticketId);
        header(record, CloudEventHeaders.TIME, Instant.now().toString());
        header(record, CloudEventHeaders.SEQUENCE, Long.toString(sequence));
        header(record, CloudEventHeaders.CONTENT_TYPE, "application/json");
        send(record);
    }

    /** The demo directory's users, as workflow-config publishes them. */
    void publishDemoDirectory() {
        Demo.directory().users().forEach(user -> {
            try {
                send(new ProducerRecord<>(Topics.CONFIG_DIRECTORY, DirectoryRecords.userKey(user.username()),
                        JSON.writeValueAsString(user)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    void publishUser(dev.baton.api.directory.DirectoryUser user) {
        try {
            send(new ProducerRecord<>(Topics.CONFIG_DIRECTORY, DirectoryRecords.userKey(user.username()),
                    JSON.writeValueAsString(user)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void publishWorkflow(dev.baton.api.workflow.PublishedWorkflow workflow) {
        try {
            send(new ProducerRecord<>(Topics.CONFIG_WORKFLOWS, workflow.key() + "@" + workflow.version(),
                    JSON.writeValueAsString(workflow)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void publishApp(CallerApp app) {
        try {
            send(new ProducerRecord<>(Topics.CONFIG_APPS, app.appId(), JSON.writeValueAsString(app)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new ticket id whose events land on the same partition of the events topic as {@code ticketId}'s. */
    String newTicketIdOnThePartitionOf(String ticketId) {
        int partitions;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            partitions = consumer.partitionsFor(Topics.TICKET_EVENTS, Duration.ofSeconds(10)).size();
        }
        int wanted = partitionOf(ticketId, partitions);
        while (true) {
            String candidate = newTicketId();
            if (partitionOf(candidate, partitions) == wanted) {
                return candidate;
            }
        }
    }

    /** The partition the producer's default partitioner picks for a key. */
    private static int partitionOf(String key, int partitions) {
        return org.apache.kafka.common.utils.Utils.toPositive(
                org.apache.kafka.common.utils.Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** Everything the topic holds now under keys starting with {@code prefix}. */
    List<ConsumerRecord<String, String>> readByKeyPrefix(String topic, String prefix) {
        return read(topic, key -> key != null && key.startsWith(prefix), Duration.ofSeconds(30));
    }

    /** Everything the topic holds now for this key. */
    List<ConsumerRecord<String, String>> read(String topic, String key) {
        return read(topic, key::equals, Duration.ofSeconds(10));
    }

    private List<ConsumerRecord<String, String>> read(String topic, java.util.function.Predicate<String> keys,
                                                      Duration limit) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            long deadline = System.nanoTime() + limit.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (keys.test(r.key())) {
                        found.add(r);
                    }
                });
            }
            return found;
        }
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private void send(ProducerRecord<String, String> record) {
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot publish to " + record.topic(), e);
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
