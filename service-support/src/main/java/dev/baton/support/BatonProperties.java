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
        auth = auth == null ? new Auth(null, null, null) : auth;
        kafka = kafka == null ? new Kafka(0, (short) 0) : kafka;
        replicas = replicas == null ? new Replicas(true, null) : replicas;
    }

    /**
     * @param maxClockSkew how far a request's timestamp may be from now (default 5 minutes)
     * @param maxBodyBytes the largest request body accepted (default 1 MiB)
     * @param publicPaths  path prefixes served without a signature (actuator, OpenAPI)
     */
    public record Auth(Duration maxClockSkew, Integer maxBodyBytes, List<String> publicPaths) {
        public Auth {
            maxClockSkew = maxClockSkew == null ? Duration.ofMinutes(5) : maxClockSkew;
            maxBodyBytes = maxBodyBytes == null ? 1024 * 1024 : maxBodyBytes;
            publicPaths = publicPaths == null
                    ? List.of("/actuator", "/v3/api-docs", "/swagger-ui", "/webjars")
                    : List.copyOf(publicPaths);
        }
    }

    /**
     * @param partitions  partitions of the ticket topics (default 6)
     * @param replication replication factor of every topic Baton creates (default 1)
     */
    public record Kafka(int partitions, short replication) {
        public Kafka {
            partitions = partitions <= 0 ? 6 : partitions;
            replication = replication <= 0 ? 1 : replication;
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
