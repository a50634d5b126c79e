package dev.baton.support.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Sets up Baton's topics before any consumer starts: creates those that are missing as declared (partitions,
 * replication, configs), and checks those that exist against their declaration, warning for each that has fewer
 * partitions, a lower replication factor or a lower {@code min.insync.replicas} than declared. It never changes an
 * existing topic: more partitions for a ticket topic move tickets' keys while their events are in flight, so that is
 * an operator's deliberate step (docs/scaling.md). A broker that does not answer is logged and start-up goes on, as
 * with Spring's own admin: producers and consumers wait for it.
 */
public class TopicSetup implements SmartInitializingSingleton {
    private static final Logger log = LoggerFactory.getLogger(TopicSetup.class);
    private static final int DEFAULT_TIMEOUT_MS = 30_000;

    private final Map<String, Object> adminSettings;
    private final Supplier<Collection<NewTopic>> declared;
    private volatile List<String> findings = List.of();

    /** With {@code adminSettings} null (no Kafka in this application), it does nothing. */
    public TopicSetup(Map<String, Object> adminSettings, Supplier<Collection<NewTopic>> declared) {
        this.adminSettings = adminSettings;
        this.declared = declared;
    }

    @Override
    public void afterSingletonsInstantiated() {
        try {
            findings = apply();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("Could not set up or check Baton's topics ({}); they are created on first use with the "
                    + "broker's defaults if it allows that", e.toString());
        }
    }

    /** What the last check found wrong with existing topics, one sentence each (empty when all match). */
    public List<String> findings() {
        return findings;
    }

    /** Creates the missing topics and checks the others; answers what it found wrong. */
    public List<String> apply() throws InterruptedException, ExecutionException, TimeoutException {
        if (adminSettings == null) {
            return List.of();
        }
        Map<String, NewTopic> wanted = new LinkedHashMap<>();
        for (NewTopic topic : declared.get()) {
            wanted.putIfAbsent(topic.name(), topic);
        }
        if (wanted.isEmpty()) {
            return List.of();
        }
        Map<String, Object> settings = new HashMap<>(adminSettings);
        settings.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, DEFAULT_TIMEOUT_MS);
        long timeout = Long.parseLong(settings.get(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG).toString());
        try (Admin admin = Admin.create(settings)) {
            Set<String> existing = admin.listTopics().names().get(timeout, TimeUnit.MILLISECONDS);
            List<NewTopic> missing = wanted.values().stream().filter(t -> !existing.contains(t.name())).toList();
            List<String> present = wanted.keySet().stream().filter(existing::contains).toList();
            create(admin, missing, timeout);
            List<String> found = present.isEmpty() ? List.of() : check(admin, wanted, present, timeout);
            found.forEach(log::warn);
            return found;
        }
    }

    private static void create(Admin admin, List<NewTopic> missing, long timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (missing.isEmpty()) {
            return;
        }
        Map<String, KafkaFuture<Void>> created = admin.createTopics(missing).values();
        for (Map.Entry<String, KafkaFuture<Void>> topic : created.entrySet()) {
            try {
                topic.getValue().get(timeout, TimeUnit.MILLISECONDS);
                log.info("Created topic {}", topic.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                // another service created it at the same moment: as declared too
            }
        }
    }

    private static List<String> check(Admin admin, Map<String, NewTopic> wanted, List<String> present,
                                      long timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, TopicDescription> described = admin.describeTopics(present).allTopicNames()
                .get(timeout, TimeUnit.MILLISECONDS);
        Map<ConfigResource, Config> configs = admin.describeConfigs(present.stream()
                        .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList())
                .all().get(timeout, TimeUnit.MILLISECONDS);
        List<String> found = new ArrayList<>();
        for (String name : present) {
            NewTopic want = wanted.get(name);
            TopicDescription has = described.get(name);
            int partitions = has.partitions().size();
            if (want.numPartitions() > 0 && partitions < want.numPartitions()) {
                found.add("Topic " + name + " has " + partitions + " partitions, fewer than the "
                        + want.numPartitions() + " configured (baton.kafka.partitions): it is left as it is, and "
                        + "at most " + partitions + " instances of each consumer share its work; docs/scaling.md "
                        + "says how to add partitions");
            }
            int replicas = has.partitions().get(0).replicas().size();
            if (want.replicationFactor() > 0 && replicas < want.replicationFactor()) {
                found.add("Topic " + name + " has a replication factor of " + replicas + ", lower than the "
                        + want.replicationFactor() + " configured (baton.kafka.replication): losing a broker may "
                        + "lose its records");
            }
            String wantedMinIsr = want.configs() == null ? null
                    : want.configs().get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
            ConfigEntry minIsr = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name))
                    .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
            if (wantedMinIsr != null && minIsr != null && minIsr.value() != null
                    && Integer.parseInt(minIsr.value()) < Integer.parseInt(wantedMinIsr)) {
                found.add("Topic " + name + " has min.insync.replicas " + minIsr.value() + ", lower than the "
                        + wantedMinIsr + " configured (baton.kafka.min-insync-replicas): a record counts as sent "
                        + "before enough replicas hold it");
            }
        }
        return found;
    }
}
