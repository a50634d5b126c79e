package dev.baton.command.it;

import dev.baton.api.CloudEventHeaders;
import dev.baton.command.TicketCommandApplication;
import dev.baton.command.relay.KafkaRelay;
import dev.baton.testing.Instances;
import dev.baton.testing.SignedClient;
import dev.baton.testing.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two ticket-command instances share one event store, each with its own cache of loaded tickets. When one decides
 * on a ticket the other changed meanwhile, its write is refused (never a second event with the same sequence, never
 * a 500), and its next command is decided on fresh state. Commands racing on one ticket across the instances have
 * exactly one winner. The relay to Kafka runs on exactly one instance at a time (one segment, claimed in the token
 * store), and moves to another when that one stops, with every event published once more at most and in order.
 */
class TwoInstancesTest extends CommandServiceTest {
    static ConfigurableApplicationContext second;
    /** Instances a test starts and stops itself: closed after the class in case a failure left one running. */
    static final List<ConfigurableApplicationContext> others = new java.util.ArrayList<>();
    static int secondPort;

    @Autowired
    EventProcessingConfiguration processing;

    @BeforeAll
    static void startSecondInstance() {
        second = instance("TWO");
        secondPort = port(second);
    }

    static ConfigurableApplicationContext instance(String serialPrefix) {
        return new SpringApplicationBuilder(TicketCommandApplication.class).initializers(Instances.ownEventLoops()).run(
                "--spring.config.name=ticket-command", "--server.port=0",
                "--spring.datasource.url=" + DB.jdbcUrl() + "?currentSchema=ticket_command",
                "--spring.datasource.username=" + DB.username(), "--spring.datasource.password=" + DB.password(),
                "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                "--baton.serial.prefix=" + serialPrefix);
    }

    static int port(ConfigurableApplicationContext instance) {
        return Integer.parseInt(instance.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stopSecondInstance() {
        others.stream().filter(ConfigurableApplicationContext::isActive).forEach(ConfigurableApplicationContext::close);
        if (second != null) {
            second.close();
        }
    }

    SignedClient other() {
        return new SignedClient("http://localhost:" + secondPort, APP, SECRET);
    }

    @Test
    void aRefusalIsNeverDecidedOnAStaleCopy() {
        String ticketId = submitLeave(2);
        client().post("lena", "/tickets/" + ticketId + "/comments", Map.of("comment", "loads it here"))
                .expectStatus().isOk();
        byte[] approved = other().post("lena", "/tickets/" + ticketId + "/handle",
                Map.of("transition", "leader_approve")).expectStatus().isOk().expectBody().returnResult()
                .getResponseBody();
        long version = body(approved).get("version").asLong();

        // on its stale copy ops2 is nobody here yet, and the version is behind the one the client names: both
        // would be refused; decided on the stored events, both pass
        client().post("ops2", "/tickets/" + ticketId + "/comments", Map.of("comment", "on it",
                "expectedVersion", version)).expectStatus().isOk();
        client().post("ops2", "/tickets/" + ticketId + "/accept", Map.of()).expectStatus().isOk();
    }

    @Test
    void commandsRacingOnOneTicketAcrossTheInstancesHaveExactlyOneWinner() throws Exception {
        for (int round = 0; round < 8; round++) {
            String ticketId = submitLeave(2);
            // both instances hold the ticket loaded
            client().post("lena", "/tickets/" + ticketId + "/comments", Map.of("comment", "here")).expectStatus().isOk();
            other().post("lena", "/tickets/" + ticketId + "/comments", Map.of("comment", "there")).expectStatus().isOk();

            CountDownLatch start = new CountDownLatch(1);
            CompletableFuture<Integer> approve = race(start, client(), ticketId, "leader_approve");
            CompletableFuture<Integer> reject = race(start, other(), ticketId, "leader_reject");
            start.countDown();
            List<Integer> statuses = List.of(approve.get(30, TimeUnit.SECONDS), reject.get(30, TimeUnit.SECONDS));

            assertThat(statuses).as("round %d", round).containsOnlyOnce(200);
            assertThat(statuses.stream().filter(s -> s != 200).findFirst().orElseThrow())
                    .as("the loser is refused on the winner's result").isIn(403, 409);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                    + "AND payload_type LIKE '%TicketHandled'", Integer.class, ticketId))
                    .as("the submit and one decision").isEqualTo(2);
            assertThat(jdbc.queryForList("SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ? "
                    + "ORDER BY sequence_number", Long.class, ticketId)).containsExactly(0L, 1L, 2L, 3L, 4L);
        }
    }

    private static CompletableFuture<Integer> race(CountDownLatch start, SignedClient on, String ticketId,
                                                   String transition) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return on.post("lena", "/tickets/" + ticketId + "/handle", Map.of("transition", transition))
                    .returnResult(byte[].class).getStatus().value();
        });
    }

    @Test
    void theRelayRunsOnOneInstanceAndMovesToAnotherWhenItStops() throws Exception {
        assertThat(relayOwners()).as("one segment, one owner").hasSize(1);

        // a third instance takes the relay over: the two others let go of it, and take it back only if it is free
        ConfigurableApplicationContext third = instance("THR");
        others.add(third);
        SignedClient onThird = new SignedClient("http://localhost:" + port(third), APP, SECRET);
        relay(processing).shutDown();
        relay(second.getBean(EventProcessingConfiguration.class)).shutDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> relayOwners().get(0) != null);
        String thirdOwner = relayOwners().get(0);
        relay(processing).start();
        relay(second.getBean(EventProcessingConfiguration.class)).start();

        String before = submitLeave(2);
        assertThat(relayed(before, 2)).as("relayed by the third instance").hasSize(2);
        assertThat(relayOwners()).containsExactly(thirdOwner);
        String across = submitLeave(2);
        onThird.post("lena", "/tickets/" + across + "/comments", Map.of("comment", "before the stop"))
                .expectStatus().isOk();

        third.close();
        // written while no instance relays: the first of the others to find the segment free (released on close)
        // relays them
        other().post("lena", "/tickets/" + across + "/handle", Map.of("transition", "leader_approve"))
                .expectStatus().isOk();
        client().post("ops2", "/tickets/" + across + "/accept", Map.of()).expectStatus().isOk();
        String after = submitLeave(2);

        await().atMost(Duration.ofSeconds(30)).until(() -> relayOwners().get(0) != null
                && !relayOwners().get(0).equals(thirdOwner));
        assertThat(relayOwners()).hasSize(1);
        List<ConsumerRecord<String, byte[]>> records = relayed(across, 5);
        assertThat(distinctSequences(records)).as("every event, in order, once or more")
                .containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(relayed(after, 2)).hasSize(2);
    }

    private static TrackingEventProcessor relay(EventProcessingConfiguration processing) {
        return processing.eventProcessor(KafkaRelay.PROCESSING_GROUP, TrackingEventProcessor.class).orElseThrow();
    }

    /** Who holds each segment of the relay (null for a free one). */
    private List<String> relayOwners() {
        return jdbc.queryForList("SELECT owner FROM token_entry WHERE processor_name = ? ORDER BY segment",
                String.class, KafkaRelay.PROCESSING_GROUP);
    }

    /** The events' sequence numbers in the order the topic holds them, a repeat of one already seen left out. */
    private static List<Long> distinctSequences(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> Long.parseLong(header(r, CloudEventHeaders.SEQUENCE))).distinct().toList();
    }

    @Test
    void aStaleInstanceRetriesOnTheStoredEventsAndDecidesOnFreshState() {
        String ticketId = submitLeave(2);
        client().post("lena", "/tickets/" + ticketId + "/comments", Map.of("comment", "loads it here"))
                .expectStatus().isOk();

        other().post("lena", "/tickets/" + ticketId + "/handle", Map.of("transition", "leader_approve"))
                .expectStatus().isOk();
        int stale = client().post("lena", "/tickets/" + ticketId + "/handle", Map.of("transition", "leader_reject"))
                .returnResult(byte[].class).getStatus().value();

        // the first instance's copy is stale: its append collides, and the retry on the stored events finds that
        // lena no longer handles the ticket
        assertThat(stale).as("refused as not a participant, decided on the fresh copy").isEqualTo(403);
        assertThat(jdbc.queryForList("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number", String.class, ticketId))
                .extracting(t -> t.substring(t.lastIndexOf('.') + 1))
                .containsExactly("TicketCreated", "TicketHandled", "CommentAdded", "TicketHandled");
        client().post("ops2", "/tickets/" + ticketId + "/accept", Map.of()).expectStatus().isOk();
    }
}
