package dev.baton.query.admin;

import dev.baton.api.Topics;
import dev.baton.query.projection.ParkedEvents;
import dev.baton.query.projection.ProjectionStore;
import dev.baton.query.projection.TicketEventListener;
import io.swagger.v3.oas.annotations.media.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Rebuilds the projection from the event topic: stops the listener, empties the projection tables, moves the
 * consumer group back to the beginning of the topic and starts the listener again, which then re-projects every
 * event. Reads answer from the partly rebuilt tables meanwhile.
 */
@Component
public class ProjectionRebuilder {
    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilder.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final KafkaListenerEndpointRegistry registry;
    private final ProjectionStore store;
    private final ParkedEvents parked;
    private final Admin admin;
    private final String groupId;

    public ProjectionRebuilder(KafkaListenerEndpointRegistry registry, ProjectionStore store, ParkedEvents parked,
                               @Qualifier("projectionAdmin") Admin admin,
                               @Value("${baton.query.group-id:baton-ticket-query}") String groupId) {
        this.registry = registry;
        this.store = store;
        this.parked = parked;
        this.admin = admin;
        this.groupId = groupId;
    }

    /** How far the projection is behind the topic. */
    @Schema(name = "ProjectionStatus")
    public record Status(boolean running, long lag, long parked) {
    }

    public synchronized void rebuild() {
        MessageListenerContainer container = container();
        log.info("Rebuilding the ticket projection from {}", Topics.TICKET_EVENTS);
        container.stop();
        try {
            store.truncate();
            rewind();
        } finally {
            container.start();
        }
        log.info("Ticket projection truncated; re-consuming {} from the beginning", Topics.TICKET_EVENTS);
    }

    public Status status() {
        try {
            Map<TopicPartition, Long> end = offsets(OffsetSpec.latest());
            Map<TopicPartition, Long> start = offsets(OffsetSpec.earliest());
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            long lag = 0;
            for (var e : end.entrySet()) {
                OffsetAndMetadata done = committed.get(e.getKey());
                long position = done == null ? start.getOrDefault(e.getKey(), 0L) : done.offset();
                lag += Math.max(0, e.getValue() - position);
            }
            return new Status(container().isRunning(), lag, parked.count());
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the projection's consumer group offsets: " + e, e);
        }
    }

    private void rewind() {
        for (int attempt = 1; ; attempt++) {
            try {
                Map<TopicPartition, OffsetAndMetadata> target = new HashMap<>();
                offsets(OffsetSpec.earliest()).forEach((tp, offset) -> target.put(tp, new OffsetAndMetadata(offset)));
                admin.alterConsumerGroupOffsets(groupId, target).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (Exception e) {
                if (attempt >= 20) {
                    throw new IllegalStateException("Cannot move consumer group " + groupId + " to the beginning", e);
                }
                log.info("Consumer group {} not ready to be rewound yet ({}), retrying", groupId, e.toString());
                sleep(500);
            }
        }
    }

    private Map<TopicPartition, Long> offsets(OffsetSpec spec) throws Exception {
        var topic = admin.describeTopics(List.of(Topics.TICKET_EVENTS)).allTopicNames()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(Topics.TICKET_EVENTS);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        topic.partitions().forEach(p -> request.put(new TopicPartition(Topics.TICKET_EVENTS, p.partition()), spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(request).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    private MessageListenerContainer container() {
        MessageListenerContainer container = registry.getListenerContainer(TicketEventListener.ID);
        if (container == null) {
            throw new IllegalStateException("No listener container " + TicketEventListener.ID);
        }
        return container;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
