package dev.baton.testing;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real Kafka broker for tests: {@code BATON_TEST_KAFKA} when set, otherwise one in-JVM KRaft broker
 * (spring-kafka-test) shared by every test of the JVM.
 */
public final class TestKafka {
    private static volatile String bootstrap;

    private TestKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (bootstrap == null) {
            String external = System.getenv("BATON_TEST_KAFKA");
            if (external != null && !external.isBlank()) {
                bootstrap = external;
            } else {
                EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 6);
                broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
                broker.afterPropertiesSet();
                Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "stop-test-kafka"));
                bootstrap = broker.getBrokersAsString();
            }
        }
        return bootstrap;
    }
}
