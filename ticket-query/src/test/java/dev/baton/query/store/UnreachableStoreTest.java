package dev.baton.query.store;

import dev.baton.support.kafka.ConsumerFailures;
import io.r2dbc.spi.ConnectionFactories;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The list endpoints read through R2DBC: when PostgreSQL cannot be reached (restarting, say) the failure the driver
 * raises is classed transient, which the edge answers 503 with Retry-After and consumers retry rather than park.
 */
class UnreachableStoreTest {
    @Test
    void anR2dbcReadFromADatabaseNobodyListensForFailsTransiently() {
        DatabaseClient client = DatabaseClient.create(
                ConnectionFactories.get("r2dbc:postgresql://postgres@127.0.0.1:1/none?connectTimeout=PT2S"));

        Throwable failure = catchThrowable(() -> client.sql("SELECT 1").map(row -> row.get(0)).first()
                .block(Duration.ofSeconds(10)));

        assertThat(failure).isNotNull();
        assertThat(ConsumerFailures.isTransient(failure)).as(ConsumerFailures.describe(failure)).isTrue();
    }
}
