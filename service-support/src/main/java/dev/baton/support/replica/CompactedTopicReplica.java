package dev.baton.support.replica;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Keeps a local copy of a compacted topic: reads it from the beginning, without a consumer group, and hands every
 * record (a null value is a deletion) to {@code apply}. {@link #catchUp(Duration)} waits until the copy holds
 * everything the topic held when it was called, which is how a lookup that misses tells "unknown" from "not yet".
 */
public class CompactedTopicReplica implements SmartLifecycle {
    private static final Duration CLOSE_TIMEOUT = Duration.ofMillis(200);
    private static final Logger log = LoggerFactory.getLogger(CompactedTopicReplica.class);

    private final String topic;
    private final Map<String, Object> consumerConfig;
    private final Admin admin;
    private final BiConsumer<String, String> apply;
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final Object progress = new Object();
    private volatile boolean running;
    private volatile boolean initialised;
    private volatile KafkaConsumer<String, String> consumer;
    private Thread thread;

    public CompactedTopicReplica(String topic, Map<String, Object> consumerConfig, Admin admin,
                                 BiConsumer<String, String> apply) {
        this.topic = topic;
        this.consumerConfig = new HashMap<>(consumerConfig);
        this.consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        this.consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        // config topics are quiet: the broker holds an empty fetch up to 5 s and answers it as soon as a record
        // arrives, so a replica costs no latency, only fewer idle round trips (by default it asked twice a second)
        this.consumerConfig.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5000);
        this.admin = admin;
        this.apply = apply;
    }

    public String topic() {
        return topic;
    }

    /** True once the replica has read, at least once, everything the topic held at start-up. */
    public boolean initialised() {
        return initialised;
    }

    /** Waits until every record the topic holds now has been applied; false if that took longer than {@code timeout}. */
    public boolean catchUp(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> targets;
        try {
            targets = endOffsets(timeout);
        } catch (Exception e) {
            log.warn("Could not read the end offsets of {}: {}", topic, e.toString());
            return false;
        }
        synchronized (progress) {
            while (!reached(targets)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    progress.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    private boolean reached(Map<TopicPartition, Long> targets) {
        for (var target : targets.entrySet()) {
            if (target.getValue() > 0 && positions.getOrDefault(target.getKey(), 0L) < target.getValue()) {
                return false;
            }
        }
        return true;
    }

    private Map<TopicPartition, Long> endOffsets(Duration timeout) throws Exception {
        var description = admin.describeTopics(List.of(topic)).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        description.get(topic).partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
                admin.listOffsets(request).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result.forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "replica-" + topic);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            KafkaConsumer<String, String> c = new KafkaConsumer<>(consumerConfig);
            try {
                consumer = c;
                List<TopicPartition> partitions = awaitPartitions(c);
                if (partitions.isEmpty()) {
                    continue;
                }
                c.assign(partitions);
                c.seekToBeginning(partitions);
                Map<TopicPartition, Long> startupEnd = c.endOffsets(partitions);
                while (running) {
                    for (ConsumerRecord<String, String> record : c.poll(Duration.ofSeconds(1))) {
                        applySafely(record);
                    }
                    synchronized (progress) {
                        for (TopicPartition tp : partitions) {
                            positions.put(tp, c.position(tp));
                        }
                        if (!initialised && reached(startupEnd)) {
                            initialised = true;
                            log.info("Replica of {} is up to date", topic);
                        }
                        progress.notifyAll();
                    }
                }
            } catch (WakeupException e) {
                // stopping
            } catch (Exception e) {
                if (running) {
                    log.warn("Replica of {} failed, restarting from the beginning: {}", topic, e.toString());
                    sleep(1000);
                }
            } finally {
                // no group and no offsets to commit: nothing is lost by not waiting for the fetch in flight
                c.close(CLOSE_TIMEOUT);
            }
        }
    }

    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, String> c) {
        while (running) {
            try {
                List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(5));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
                }
            } catch (Exception e) {
                log.debug("Topic {} not available yet: {}", topic, e.toString());
            }
            sleep(500);
        }
        return List.of();
    }

    private void applySafely(ConsumerRecord<String, String> record) {
        if (record.key() == null) {
            return;
        }
        try {
            apply.accept(record.key(), record.value());
        } catch (Exception e) {
            log.error("Skipping unreadable record {} at {}-{}@{}: {}", record.key(), record.topic(),
                    record.partition(), record.offset(), e.toString());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
