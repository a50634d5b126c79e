package dev.baton.command.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.CloudEventHeaders;
import dev.baton.api.Topics;
import dev.baton.api.app.CallerApp;
import dev.baton.api.directory.DirectoryRecords;
import dev.baton.api.directory.DirectorySnapshot;
import dev.baton.api.workflow.PublishedWorkflow;
import dev.baton.engine.BatonJson;
import dev.baton.engine.Demo;
import dev.baton.testing.SignedClient;
import dev.baton.testing.TestDatabases;
import dev.baton.testing.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs ticket-command against a real PostgreSQL database and a real Kafka broker. The configuration it decides with
 * (caller apps, the demo workflow, the demo directory) is published to the config topics the way workflow-config
 * publishes it. Each test class closes its context afterwards, so no other class's relay competes for the events.
 */
@DirtiesContext
@SpringBootTest(classes = dev.baton.command.TicketCommandApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=ticket-command", "baton.serial.prefix=TST"})
abstract class CommandServiceTest {
    static final ObjectMapper JSON = BatonJson.mapper();
    static final String APP = "oa";
    static final String SECRET = "oa-secret-for-tests";
    static final String OTHER_APP = "crm";
    static final String OTHER_SECRET = "crm-secret-for-tests";
    static final TestDatabases.Database DB = TestDatabases.create("cmd");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DB.jdbcUrl() + "?currentSchema=ticket_command");
        registry.add("spring.datasource.username", DB::username);
        registry.add("spring.datasource.password", DB::password);
        registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
    }

    @BeforeAll
    static void publishConfiguration() throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.CONFIG_APPS, APP, JSON.writeValueAsString(
                    new CallerApp(APP, "OA", SECRET, false, List.of("leave-request"), true)))).get();
            producer.send(new ProducerRecord<>(Topics.CONFIG_APPS, OTHER_APP, JSON.writeValueAsString(
                    new CallerApp(OTHER_APP, "CRM", OTHER_SECRET, false, List.of("crm-only"), true)))).get();
            producer.send(new ProducerRecord<>(Topics.CONFIG_WORKFLOWS, "leave-request@1", JSON.writeValueAsString(
                    new PublishedWorkflow("leave-request", 1, Instant.now(), "admin", Demo.leaveRequest())))).get();
            DirectorySnapshot directory = Demo.directory();
            for (var d : directory.departments()) {
                producer.send(new ProducerRecord<>(Topics.CONFIG_DIRECTORY, DirectoryRecords.departmentKey(d.id()), JSON.writeValueAsString(d))).get();
            }
            for (var r : directory.roles()) {
                producer.send(new ProducerRecord<>(Topics.CONFIG_DIRECTORY, DirectoryRecords.roleKey(r.id()), JSON.writeValueAsString(r))).get();
            }
            for (var u : directory.users()) {
                producer.send(new ProducerRecord<>(Topics.CONFIG_DIRECTORY, DirectoryRecords.userKey(u.username()), JSON.writeValueAsString(u))).get();
            }
        }
    }

    static KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new KafkaProducer<>(p);
    }

    SignedClient client() {
        return new SignedClient("http://localhost:" + port, APP, SECRET);
    }

    JsonNode body(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Creates and submits a leave request by alice and returns its id. */
    String submitLeave(int days) {
        byte[] response = client().post("alice", "/tickets", Map.of("workflow", "leave-request", "title", "Leave",
                        "fields", Map.of("days", days), "transition", "submit"))
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        return body(response).get("ticketId").asText();
    }

    int eventCount(String ticketId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Integer.class, ticketId);
    }

    int totalEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Integer.class);
    }

    /** Reads the ticket's events off the events topic until {@code expected} have arrived (or 20 s passed). */
    static List<ConsumerRecord<String, byte[]>> relayed(String ticketId, int expected) {
        return relayed(ticketId, expected, 20_000);
    }

    static List<ConsumerRecord<String, byte[]>> relayed(String ticketId, int expected, long waitMillis) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(Topics.TICKET_EVENTS));
            long deadline = System.currentTimeMillis() + waitMillis;
            while (found.size() < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (ticketId.equals(r.key())) {
                        found.add(r);
                    }
                }
            }
        }
        return found;
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static String ceType(ConsumerRecord<String, byte[]> record) {
        return header(record, CloudEventHeaders.TYPE);
    }
}
