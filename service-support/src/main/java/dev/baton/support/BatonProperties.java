package dev.baton.support;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * Settings shared by every Baton service ({@code baton.*}).
 *
 * @param auth     caller authentication
 * @param kafka    topic layout
 * @param replicas the config replicas this service keeps
 */
@ConfigurationProperties("baton")
public record BatonProperties(Auth auth, Kafka kafka, Replicas replicas) {
    public BatonProperties {
        auth = auth == null ? new Auth(null, null, null, null, null) : auth;
        kafka = kafka == null ? new Kafka(0, (short) 0, 0) : kafka;
        replicas = replicas == null ? new Replicas(true, null) : replicas;
    }

    /**
     * @param maxClockSkew   how far a request's timestamp may be from now (default 5 minutes)
     * @param maxBodyBytes   the largest request body accepted (default 1 MiB)
     * @param publicPaths    path prefixes served without a signature (actuator, OpenAPI)
     * @param nonces         where used nonces are remembered (default {@link Nonces#SHARED})
     * @param nonceCacheSize how many nonces one instance keeps in memory at most (default 200,000, ~30 MB when
     *                       full); see {@link Nonces} for what happens when it is full
     */
    public record Auth(Duration maxClockSkew, Integer maxBodyBytes, List<String> publicPaths, Nonces nonces,
                       Integer nonceCacheSize) {
        public Auth {
            maxClockSkew = maxClockSkew == null ? Duration.ofMinutes(5) : maxClockSkew;
            maxBodyBytes = maxBodyBytes == null ? 1024 * 1024 : maxBodyBytes;
            publicPaths = publicPaths == null
                    ? List.of("/actuator", "/v3/api-docs", "/swagger-ui", "/webjars", "/console")
                    : List.copyOf(publicPaths);
            nonces = nonces == null ? Nonces.SHARED : nonces;
            nonceCacheSize = nonceCacheSize == null ? 200_000 : nonceCacheSize;
            if (nonceCacheSize < 1) {
                throw new IllegalArgumentException(
                        "Expected baton.auth.nonce-cache-size to be at least 1, but got " + nonceCacheSize);
            }
        }
    }

    /**
     * Where an instance remembers the nonces of the requests it accepted ({@code baton.auth.nonces}). Either way a
     * nonce is first checked in the instance's own memory, so a replay to the same instance is refused without a
     * database round trip, and is forgotten once its request's timestamp could no longer pass the skew check.
     */
    public enum Nonces {
        /**
         * Memory, then the service's {@code auth_nonce} table, which every instance of the service shares: a replay
         * sent to another instance is refused too. For any deployment that runs more than one instance of a service.
         * When the memory is full the table alone decides, so no request is refused for it.
         */
        SHARED,
        /**
         * Memory only, no database work per request. Only for a single instance per service (the standalone
         * launcher): a replay sent to another instance would not be noticed. When the memory is full, requests are
         * refused with 503 until the oldest nonces expire, rather than forgetting a nonce early.
         */
        LOCAL
    }

    /**
     * What Baton's topics are declared with ({@code BatonTopics}): created so when missing, checked at start when
     * they exist (never changed: docs/scaling.md says how to change them).
     *
     * @param partitions         partitions of the ticket topics and the dead-letter topics (default 6)
     * @param replication        replication factor of every topic Baton creates (default 1)
     * @param minInsyncReplicas  {@code min.insync.replicas} of every topic Baton creates; with the producers'
     *                           {@code acks=all}, how many replicas hold a record before it counts as sent
     *                           (default: 1 for a replication of 1 or 2, else 2)
     */
    public record Kafka(int partitions, short replication, int minInsyncReplicas) {
        public Kafka {
            partitions = partitions <= 0 ? 6 : partitions;
            replication = replication <= 0 ? 1 : replication;
            minInsyncReplicas = minInsyncReplicas <= 0 ? (replication >= 3 ? 2 : 1) : minInsyncReplicas;
            if (minInsyncReplicas > replication) {
                throw new IllegalArgumentException("Expected baton.kafka.min-insync-replicas at most the replication "
                        + "factor " + replication + ", but got " + minInsyncReplicas
                        + ": no record could ever be written");
            }
        }
    }

    /**
     * @param enabled         whether this service keeps replicas of the config topics (workflow-config does not)
     * @param catchUpTimeout  how long a lookup that misses waits for the replica to catch up with the topic
     */
    public record Replicas(boolean enabled, Duration catchUpTimeout) {
        public Replicas {
            catchUpTimeout = catchUpTimeout == null ? Duration.ofSeconds(5) : catchUpTimeout;
        }
    }
}
