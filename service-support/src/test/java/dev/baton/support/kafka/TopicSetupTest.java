package dev.baton.support.kafka;

import dev.baton.support.BatonProperties;
import dev.baton.testing.TestKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.TopicBuilder;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Baton's topics against a real broker: created as declared, checked and never changed when they exist. */
class TopicSetupTest {
    static Admin admin;

    @BeforeAll
    static void connect() {
        admin = Admin.create(settings());
    }

    @AfterAll
    static void close() {
        admin.close();
    }

    static Map<String, Object> settings() {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
    }

    static String name(String what) {
        return "topic-setup-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void missingTopicsAreCreatedAsDeclared() throws Exception {
        String topic = name("missing");
        BatonProperties.Kafka kafka = new BatonProperties.Kafka(4, (short) 1, 0);

        List<String> found = new TopicSetup(settings(), () -> List.of(BatonTopics.partitioned(topic, kafka))).apply();

        assertThat(found).isEmpty();
        assertThat(describe(topic).partitions()).hasSize(4);
        assertThat(minInsync(topic)).isEqualTo("1");
    }

    @Test
    void anExistingTopicWithFewerPartitionsIsReportedAndLeftAsItIs() throws Exception {
        String topic = name("fewer");
        admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);

        List<String> found = new TopicSetup(settings(), () -> List.of(TopicBuilder.name(topic).partitions(6)
                .replicas(1).build())).apply();

        assertThat(found).singleElement().asString()
                .contains(topic, "has 2 partitions, fewer than the 6 configured", "left as it is");
        assertThat(describe(topic).partitions()).as("no partition added").hasSize(2);
    }

    @Test
    void anExistingTopicWithMorePartitionsIsFine() throws Exception {
        String topic = name("more");
        admin.createTopics(List.of(new NewTopic(topic, 8, (short) 1))).all().get(30, TimeUnit.SECONDS);

        assertThat(new TopicSetup(settings(), () -> List.of(BatonTopics.partitioned(topic,
                new BatonProperties.Kafka(6, (short) 1, 0)))).apply()).isEmpty();
    }

    @Test
    void aLowerReplicationOrMinInsyncThanDeclaredIsReported() throws Exception {
        String topic = name("durability");
        admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1)
                .configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "1")))).all().get(30, TimeUnit.SECONDS);

        List<String> found = new TopicSetup(settings(), () -> List.of(BatonTopics.partitioned(topic,
                new BatonProperties.Kafka(6, (short) 3, 2)))).apply();

        assertThat(found).hasSize(2);
        assertThat(found.get(0)).contains(topic, "replication factor of 1, lower than the 3 configured");
        assertThat(found.get(1)).contains(topic, "min.insync.replicas 1, lower than the 2 configured");
        assertThat(minInsync(topic)).as("not changed").isEqualTo("1");
    }

    @Test
    void aBrokerThatDoesNotAnswerDoesNotStopTheStart() {
        TopicSetup setup = new TopicSetup(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 1500,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000),
                () -> List.of(TopicBuilder.name(name("unreachable")).build()));

        setup.afterSingletonsInstantiated();

        assertThat(setup.findings()).isEmpty();
    }

    @Test
    void theMinimumInsyncDefaultFollowsTheReplication() {
        assertThat(new BatonProperties.Kafka(0, (short) 1, 0).minInsyncReplicas()).isEqualTo(1);
        assertThat(new BatonProperties.Kafka(0, (short) 2, 0).minInsyncReplicas()).isEqualTo(1);
        assertThat(new BatonProperties.Kafka(0, (short) 3, 0).minInsyncReplicas()).isEqualTo(2);
        assertThat(new BatonProperties.Kafka(0, (short) 5, 0).minInsyncReplicas()).isEqualTo(2);
        assertThatThrownBy(() -> new BatonProperties.Kafka(0, (short) 2, 3))
                .hasMessageContaining("at most the replication factor 2");
    }

    private static TopicDescription describe(String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
    }

    private static String minInsync(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
                .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value();
    }
}
