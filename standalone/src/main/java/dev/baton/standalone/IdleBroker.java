package dev.baton.standalone;

/**
 * The standalone's in-JVM Kafka broker on its own, with the standalone's settings and no client: what the broker
 * costs while nothing happens, for the idle benchmark ({@code bench/run.sh idle-broker}). Not part of Baton's
 * runtime; it runs from the standalone jar with Spring Boot's {@code PropertiesLauncher} and
 * {@code -Dloader.main=dev.baton.standalone.IdleBroker}. Its data is temporary, deleted when it stops.
 */
public final class IdleBroker {
    private IdleBroker() {
    }

    public static void main(String[] args) throws Exception {
        DataDirectory data = DataDirectory.temporary();
        KraftBroker kafka = KraftBroker.start(data.kafka());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            data.release();
        }, "idle-broker-shutdown"));
        System.out.println("idle broker at " + kafka.bootstrapServers() + ", logs in " + data.kafka());
        Thread.currentThread().join();
    }
}
