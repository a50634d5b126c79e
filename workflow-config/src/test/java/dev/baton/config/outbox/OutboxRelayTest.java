package dev.baton.config.outbox;

import dev.baton.testing.TestDatabases;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.reset;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The relay on its own, against a real database and a Kafka template that can be made to fail. */
class OutboxRelayTest {
    private static JdbcTemplate jdbc;
    private static TransactionTemplate tx;
    @SuppressWarnings("unchecked")
    private final KafkaTemplate<String, String> kafka = mock(KafkaTemplate.class);
    private OutboxRelay relay;

    @BeforeAll
    static void database() {
        TestDatabases.Database db = TestDatabases.create("wfc_outbox");
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=workflow_config");
        dataSource.setUser(db.username());
        dataSource.setPassword(db.password());
        Flyway.configure().dataSource(dataSource).schemas("workflow_config").defaultSchema("workflow_config")
                .locations("classpath:db/migration/common", "classpath:db/migration/workflow_config").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @BeforeEach
    void setUp() {
        jdbc.update("DELETE FROM outbox");
        relay = new OutboxRelay(jdbc, tx, kafka, new OutboxProperties(Duration.ofMillis(50), null, 2,
                Duration.ofSeconds(2)));
    }

    @Test
    void sentRecordsAreDeletedInIdOrderOneBatchAtATime() {
        when(kafka.send(any(ProducerRecord.class))).thenReturn(CompletableFuture.completedFuture(null));
        enqueue("t", "a", "1");
        enqueue("t", "b", "2");
        enqueue("t", "a", null);

        assertThat(relay.relayOnce()).isEqualTo(2);
        assertThat(relay.relayOnce()).isEqualTo(1);
        assertThat(relay.relayOnce()).isZero();

        @SuppressWarnings("unchecked")
        ArgumentCaptor<ProducerRecord<String, String>> sent = ArgumentCaptor.forClass(ProducerRecord.class);
        verify(kafka, atLeastOnce()).send(sent.capture());
        assertThat(sent.getAllValues()).extracting(ProducerRecord::key).containsExactly("a", "b", "a");
        assertThat(sent.getAllValues()).extracting(ProducerRecord::value).containsExactly("1", "2", null);
        assertThat(count()).isZero();
    }

    @Test
    void aFailedSendKeepsTheRowsAndTheyAreSentLater() {
        when(kafka.send(any(ProducerRecord.class)))
                .thenReturn(CompletableFuture.completedFuture(null))
                .thenReturn(CompletableFuture.failedFuture(new IllegalStateException("broker down")));
        enqueue("t", "a", "1");
        enqueue("t", "b", "2");

        assertThatThrownBy(relay::relayOnce).hasMessageContaining("stay queued");
        assertThat(count()).isEqualTo(2);

        reset(kafka);
        when(kafka.send(any(ProducerRecord.class))).thenReturn(CompletableFuture.completedFuture(null));
        assertThat(relay.relayOnce()).isEqualTo(2);
        assertThat(count()).isZero();
    }

    @Test
    void theRunningRelayRetriesUntilTheSendSucceeds() throws Exception {
        when(kafka.send(any(ProducerRecord.class)))
                .thenReturn(CompletableFuture.failedFuture(new IllegalStateException("broker down")))
                .thenReturn(CompletableFuture.completedFuture(null));
        enqueue("t", "a", "1");

        relay.start();
        try {
            long deadline = System.currentTimeMillis() + 10_000;
            while (count() > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            relay.stop();
        }

        assertThat(count()).isZero();
        assertThat(relay.isRunning()).isFalse();
    }

    @Test
    void aCommitThatEnqueuesWakesTheRelayFromAWaitLongerThanTheTest() throws Exception {
        when(kafka.send(any(ProducerRecord.class))).thenReturn(CompletableFuture.completedFuture(null));
        OutboxRelay slow = new OutboxRelay(jdbc, tx, kafka, new OutboxProperties(Duration.ofMinutes(10),
                Duration.ofMinutes(20), 10, Duration.ofSeconds(2)));
        Outbox outbox = new Outbox(jdbc, new com.fasterxml.jackson.databind.ObjectMapper(), slow);
        enqueue("t", "a", "1");

        slow.start();
        try {
            waitUntilEmpty(); // its first round; now it waits ten minutes unless woken
            tx.executeWithoutResult(status -> outbox.put("t", "b", java.util.Map.of("n", 2)));
            waitUntilEmpty();
        } finally {
            slow.stop();
        }

        assertThat(count()).as("sent once committed, long before the relay's next look").isZero();
    }

    private static void waitUntilEmpty() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (count() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void onlyOneRelayWorksAtATime() {
        when(kafka.send(any(ProducerRecord.class))).thenReturn(CompletableFuture.completedFuture(null));
        enqueue("t", "a", "1");

        Integer sentWhileLocked = tx.execute(status -> {
            jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, OutboxRelay.LOCK_ID);
            return CompletableFuture.supplyAsync(relay::relayOnce).join();
        });

        assertThat(sentWhileLocked).isZero();
        assertThat(relay.relayOnce()).isEqualTo(1);
        assertThat(List.of(count())).containsExactly(0L);
    }

    private static void enqueue(String topic, String key, String value) {
        jdbc.update("INSERT INTO outbox (topic, record_key, value) VALUES (?, ?, ?)", topic, key, value);
    }

    private static long count() {
        return jdbc.queryForObject("SELECT count(*) FROM outbox", Long.class);
    }
}
