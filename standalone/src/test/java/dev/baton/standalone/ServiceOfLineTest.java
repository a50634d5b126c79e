package dev.baton.standalone;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which service a standalone log line names: by its logger's package first, then by its thread, else none. */
class ServiceOfLineTest {
    @Test
    void aServicesOwnLoggerNamesIt() {
        assertThat(ServiceOfLine.of("dev.baton.query.projection.TicketProjector", "kafka-thread"))
                .isEqualTo("ticket-query");
        assertThat(ServiceOfLine.of("org.axonframework.eventhandling.TrackingEventProcessor", "main"))
                .isEqualTo("ticket-command");
        assertThat(ServiceOfLine.of("kafka.server.BrokerServer", "ticket-query-x")).isEqualTo("kafka");
    }

    @Test
    void aSharedLibrarysLineIsNamedByItsThreadWhenTheThreadIsAService() {
        assertThat(ServiceOfLine.of("com.zaxxer.hikari.pool.PoolBase", "EventProcessor[kafka-relay]-0"))
                .isEqualTo("ticket-command");
        assertThat(ServiceOfLine.of("org.springframework.kafka.KafkaListenerEndpointContainer",
                "hook-worker-ticket-events-0-C-1")).isEqualTo("notification-worker");
    }

    @Test
    void whatNoServiceOwnsIsBaton() {
        assertThat(ServiceOfLine.of("io.netty.util.internal.MacAddressUtil", "main")).isEqualTo("baton");
        assertThat(ServiceOfLine.of("io.netty.util.internal.MacAddressUtil", null)).isEqualTo("baton");
    }
}
