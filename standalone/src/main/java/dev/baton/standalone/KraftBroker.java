package dev.baton.standalone;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * The standalone's Kafka: one KRaft node, broker and controller at once, run in this JVM from Kafka's own server
 * classes, its data (topics, committed offsets and the cluster's metadata) in one directory. The first start formats
 * that directory with a new cluster id, which Kafka keeps in the directory's {@code meta.properties}; every later
 * start reopens it as it was, so the services find their topics and their consumer groups' offsets again.
 *
 * <p>The broker's settings are those of a single node sharing a small JVM with four services: replication factor 1
 * for the internal topics, few internal partitions and threads, small indexes and log-cleaner buffers, and a
 * controller and a broker that talk every 10 s rather than every half-second while idle.
 */
final class KraftBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KraftBroker.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private KraftBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts the broker on {@code dir}, formatting it first when it holds no Kafka data yet; returns once it serves. */
    static KraftBroker start(Path dir) {
        try {
            Files.createDirectories(dir);
            int brokerPort = freePort();
            int controllerPort = freePort();
            KafkaConfig config = KafkaConfig.fromProps(properties(dir, brokerPort, controllerPort), false);
            if (!formatted(dir)) {
                format(dir);
            }
            keepInProcess();
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            try {
                server.startup(); // returns once the broker has caught up with the metadata and is unfenced
            } catch (RuntimeException e) {
                server.shutdown();
                server.awaitShutdown();
                throw e;
            }
            return new KraftBroker(server, "localhost:" + brokerPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where clients reach it, as {@code host:port}. */
    String bootstrapServers() {
        return bootstrapServers;
    }

    /** Stops it cleanly (the broker, then the controller), so the next start needs no log recovery. */
    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    static Properties properties(Path dir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + brokerPort + "," + CONTROLLER_LISTENER + "://localhost:"
                + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dir.toString());
        // one node: every internal topic has one replica, which is all it can have in sync
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("num.partitions", "6");
        p.put("delete.topic.enable", "true");
        p.put("group.initial.rebalance.delay.ms", "0");
        // a kept standalone may be stopped for weeks: its consumer groups' offsets must not expire meanwhile (after a
        // week, by default), or the next start would read every retained record again
        p.put("offsets.retention.minutes", Integer.toString(Integer.MAX_VALUE));
        // a single-node broker sharing the JVM: few internal partitions, small preallocated indexes, few threads,
        // and a small log-cleaner buffer (the default takes 128 MB of heap; the compacted topics here are tiny)
        p.put("offsets.topic.num.partitions", "6");
        p.put("log.index.size.max.bytes", "1048576");
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
        p.put("log.cleaner.io.buffer.size", Integer.toString(128 * 1024));
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("background.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        // idle cost: the controller writes a no-op record to the metadata log every 500 ms by default and the broker
        // heartbeats it every 2 s; in one JVM with one node, every 10 s is enough
        p.put("metadata.max.idle.interval.ms", "10000");
        p.put("broker.heartbeat.interval.ms", "10000");
        p.put("broker.session.timeout.ms", "60000");
        return p;
    }

    /** Whether Kafka has formatted {@code dir} before: its {@code meta.properties} names the cluster and the node. */
    static boolean formatted(Path dir) {
        return Files.isRegularFile(dir.resolve("meta.properties"));
    }

    /** What {@code kafka-storage.sh format} does: a new cluster id, the node's id, the release's metadata version. */
    private static void format(Path dir) {
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(dir.toString()))
                    .setMetadataLogDirectory(dir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka's data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Kafka ends its process on a fatal fault; here that process also runs the services, whose own stop must not be
     * cut short by the broker's, so a fault is logged instead.
     */
    private static void keepInProcess() {
        Exit.setExitProcedure((status, message) -> log.error("Kafka asked to exit ({}): {}", status, message));
        Exit.setHaltProcedure((status, message) -> log.error("Kafka asked to halt ({}): {}", status, message));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
