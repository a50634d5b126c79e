package dev.baton.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.query.consistency.PeerVersions;
import dev.baton.query.projection.TicketEventListener;
import dev.baton.testing.Instances;
import dev.baton.testing.SignedClient;
import dev.baton.testing.TestKafka;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two ticket-query instances in one consumer group share the projection's tables and split the ticket topic's
 * partitions. Both serve every list and detail, and a read-your-writes wait ends on the instance the client asked,
 * whichever instance projected the version. Their waits never look at the database again by themselves here (a
 * recheck interval of an hour), so only the other instance's announcement can end them.
 */
class TwoQueryNodesTest extends QueryTestBase {
    private static final Instant DAY = Instant.parse("2026-08-03T09:00:00Z");
    static final List<ConfigurableApplicationContext> NODES = new ArrayList<>();

    @BeforeAll
    static void startTwoNodes() {
        String group = "two-nodes-" + UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            NODES.add(new SpringApplicationBuilder(TicketQueryApplication.class).initializers(Instances.ownEventLoops()).run(
                    "--spring.config.name=ticket-query", "--server.port=0",
                    "--spring.datasource.url=" + DB.jdbcUrl() + "?currentSchema=ticket_query",
                    "--spring.datasource.username=" + DB.username(), "--spring.datasource.password=" + DB.password(),
                    "--spring.r2dbc.url=" + DB.r2dbcUrl() + "?currentSchema=ticket_query",
                    "--spring.r2dbc.username=" + DB.username(), "--spring.r2dbc.password=" + DB.password(),
                    "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
                    "--spring.kafka.consumer.properties.default.api.timeout.ms=3000",
                    "--spring.kafka.listener.concurrency=2",
                    "--baton.query.group-id=" + group,
                    "--baton.query.wait-recheck=1h"));
        }
    }

    @AfterAll
    static void stopTwoNodes() {
        NODES.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void aWaitOnEitherNodeEndsWhenTheOtherProjectsTheVersion() throws Exception {
        awaitPartitionsSplit();
        for (int reader = 0; reader < 2; reader++) {
            int projecting = 1 - reader;
            int partition = assigned(projecting).iterator().next();
            for (int round = 0; round < 3; round++) {
                String alice = user("alice"), lena = user("lena");
                TicketStory story = ticket().inPartition(partition);

                CompletableFuture<JsonNode> created = read(reader, alice, "/tickets/" + story.id
                        + "?minVersion=0&waitMillis=8000");
                Thread.sleep(200);
                assertThat(created).as("waits for the ticket").isNotDone();
                story.create(alice, "Read on node " + reader, DAY);
                assertThat(created.get(10, TimeUnit.SECONDS).get("ticketId").asText()).isEqualTo(story.id);

                CompletableFuture<JsonNode> todo = read(reader, lena, "/tickets/todo?consistentWith=" + story.id
                        + ":1&waitMillis=8000");
                Thread.sleep(200);
                story.submit(lena);
                assertThat(todo.get(10, TimeUnit.SECONDS).at("/items/0/ticketId").asText()).isEqualTo(story.id);
                assertThat(readNow(projecting, alice, "/tickets/" + story.id + "?minVersion=1")
                        .get("version").asLong()).isEqualTo(1);
            }
        }
    }

    @Test
    void bothNodesListenForTheOthersAnnouncements() {
        for (ConfigurableApplicationContext node : NODES) {
            await().atMost(Duration.ofSeconds(10)).until(() -> node.getBean(PeerVersions.class).listening());
        }
    }

    /** Waits until the two nodes hold disjoint, non-empty sets of the topic's partitions. */
    private static void awaitPartitionsSplit() {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Set<Integer> a = assigned(0), b = assigned(1);
            Set<Integer> both = new HashSet<>(a);
            both.retainAll(b);
            return !a.isEmpty() && !b.isEmpty() && both.isEmpty();
        });
    }

    private static Set<Integer> assigned(int node) {
        MessageListenerContainer container = NODES.get(node).getBean(KafkaListenerEndpointRegistry.class)
                .getListenerContainer(TicketEventListener.ID);
        Collection<TopicPartition> partitions = container == null ? null : container.getAssignedPartitions();
        Set<Integer> numbers = new HashSet<>();
        if (partitions != null) {
            partitions.forEach(p -> numbers.add(p.partition()));
        }
        return numbers;
    }

    private SignedClient on(int node) {
        int nodePort = Integer.parseInt(NODES.get(node).getEnvironment().getProperty("local.server.port"));
        return new SignedClient("http://127.0.0.1:" + nodePort, HR_APP.appId(), HR_APP.secret());
    }

    private CompletableFuture<JsonNode> read(int node, String user, String path) {
        return CompletableFuture.supplyAsync(() -> readNow(node, user, path));
    }

    private JsonNode readNow(int node, String user, String path) {
        return ok(on(node), user, path);
    }
}
