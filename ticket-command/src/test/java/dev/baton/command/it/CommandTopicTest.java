package dev.baton.command.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.Topics;
import dev.baton.api.app.CallerApp;
import dev.baton.api.ticket.command.CommandTopic;
import dev.baton.api.ticket.command.FireTimer;
import dev.baton.api.workflow.Distribution;
import dev.baton.api.workflow.ParticipantKind;
import dev.baton.api.workflow.ParticipantRule;
import dev.baton.api.workflow.PublishedWorkflow;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateTimers;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.TransitionDef;
import dev.baton.api.workflow.TransitionKind;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.testing.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The command topic on a real Kafka and PostgreSQL: a worker's FireTimer moves the ticket as the state's time-out
 * says, a repeated one changes nothing, and a record that is no system command is dead-lettered.
 */
class CommandTopicTest extends CommandServiceTest {
    @BeforeAll
    static void publishTimedWorkflow() throws Exception {
        StateTimers timers = new StateTimers(new StateTimers.Timeout("P1D", "expire"), null, null);
        WorkflowDefinition timed = new WorkflowDefinition("timed", "Timed", null, false, List.of("admin"), List.of(),
                List.of(new StateDef("draft", "Draft", StateType.START, 1, false, Map.of(),
                                ParticipantRule.of(ParticipantKind.CREATOR), null),
                        new StateDef("approval", "Approval", StateType.NORMAL, 2, false, Map.of(),
                                ParticipantRule.of(ParticipantKind.USER, "lena"), Distribution.ANY_ONE, null, false,
                                null, null, timers),
                        new StateDef("expired", "Expired", StateType.END, 3, false, Map.of(), null, null)),
                List.of(new TransitionDef("submit", "Submit", "draft", "approval", TransitionKind.AGREE, true,
                                List.of()),
                        new TransitionDef("expire", "Expire", "approval", "expired", TransitionKind.REJECT, false,
                                List.of())));
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.CONFIG_APPS, APP, JSON.writeValueAsString(new CallerApp(APP,
                    "OA", SECRET, false, List.of("leave-request", "timed"), true)))).get();
            producer.send(new ProducerRecord<>(Topics.CONFIG_WORKFLOWS, "timed@1", JSON.writeValueAsString(
                    new PublishedWorkflow("timed", 1, Instant.now(), "admin", timed)))).get();
        }
    }

    static void send(String key, String type, String value) throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.TICKET_COMMANDS, key, value);
            if (type != null) {
                record.headers().add(CommandTopic.TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
            }
            producer.send(record).get();
        }
    }

    JsonNode now(String ticketId) {
        return body(client().get("alice", "/tickets/" + ticketId + "/as-of").expectStatus().isOk().expectBody()
                .returnResult().getResponseBody());
    }

    @Test
    void aFiredTimeOutMovesTheTicketAndARepeatedFiringChangesNothing() throws Exception {
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> id[0] = body(client().post("alice", "/tickets",
                Map.of("workflow", "timed", "title", "Timed", "transition", "submit")).expectStatus().isCreated()
                .expectBody().returnResult().getResponseBody()).get("ticketId").asText());
        String ticketId = id[0];
        FireTimer fire = new FireTimer(ticketId, ticketId + "-v2-timeout", 2, 1);

        send(ticketId, "FireTimer", JSON.writeValueAsString(fire));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(now(ticketId).at("/ticket/state/key").asText()).isEqualTo("expired"));
        JsonNode expired = now(ticketId);
        assertThat(expired.at("/ticket/status").asText()).isEqualTo("REJECTED");
        long version = expired.get("sequence").asLong();

        send(ticketId, "FireTimer", JSON.writeValueAsString(fire));
        send(ticketId, "FireTimer", JSON.writeValueAsString(new FireTimer(ticketId, ticketId + "-v1-timeout", 1, 1)));
        // a marker behind them on the same partition: once it is dead-lettered, both firings were taken
        send(ticketId, "NoSuchCommand", "{}");
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLettered(ticketId).size() == 1);
        assertThat(now(ticketId).get("sequence").asLong()).isEqualTo(version);
    }

    @Test
    void aCommandForAnUnknownTicketIsTakenAsFinalNotRetried() throws Exception {
        String key = "t-" + UUID.randomUUID();
        send(key, "FireTimer", JSON.writeValueAsString(new FireTimer(key, key + "-v2-timeout", 2, 1)));
        send(key, null, "{}"); // a marker behind it on the same partition
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLettered(key).size() == 1);
        assertThat(deadLettered(key)).extracting(r -> r.value()).containsExactly("{}");
    }

    @Test
    void recordsThatAreNoSystemCommandAreDeadLettered() throws Exception {
        String key = "t-" + UUID.randomUUID();
        send(key, null, "{}");
        send(key, "FireTimer", "not json");
        send(key, "FireTimer", JSON.writeValueAsString(new FireTimer("another-ticket", "x", 1, 1)));
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLettered(key).size() == 3);
    }

    static List<ConsumerRecord<String, String>> deadLettered(String key) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(CommandTopic.DEAD_LETTERS));
            long deadline = System.currentTimeMillis() + 3_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                }
            }
        }
        return found;
    }
}
