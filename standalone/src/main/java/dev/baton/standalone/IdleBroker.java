package dev.baton.standalone;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The standalone's in-JVM Kafka broker on its own, with the standalone's settings and no client: what the broker
 * costs while nothing happens, for the idle benchmark ({@code bench/run.sh idle-broker}). Not part of Baton's
 * runtime; it runs from the standalone jar with Spring Boot's {@code PropertiesLauncher} and
 * {@code -Dloader.main=dev.baton.standalone.IdleBroker}.
 */
public final class IdleBroker {
    private IdleBroker() {
    }

    public static void main(String[] args) throws Exception {
        Path logs = Files.createTempDirectory("baton-idle-broker-");
        EmbeddedKafkaKraftBroker kafka = BatonStandalone.broker(logs);
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::destroy, "idle-broker-shutdown"));
        System.out.println("idle broker at " + kafka.getBrokersAsString() + ", logs in " + logs);
        Thread.currentThread().join();
    }
}
