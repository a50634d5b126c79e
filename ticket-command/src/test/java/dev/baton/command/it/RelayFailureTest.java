package dev.baton.command.it;

import dev.baton.api.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.SendResult;
import org.springframework.test.context.ContextConfiguration;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When Kafka refuses the relay's sends, the relay stops at the first unsent event instead of skipping it, and
 * publishes everything, in order, once sends succeed again. The broker is real; only the send path is made to fail.
 */
@ContextConfiguration(classes = RelayFailureTest.FailingSends.class)
class RelayFailureTest extends CommandServiceTest {
    static final AtomicBoolean failing = new AtomicBoolean();

    @TestConfiguration
    static class FailingSends {
        @Bean
        @Primary
        KafkaTemplate<String, byte[]> failingKafkaTemplate(ProducerFactory<String, byte[]> producers) {
            return new KafkaTemplate<>(producers) {
                @Override
                public CompletableFuture<SendResult<String, byte[]>> send(ProducerRecord<String, byte[]> record) {
                    if (failing.get() && Topics.TICKET_EVENTS.equals(record.topic())) {
                        return CompletableFuture.failedFuture(new TimeoutException("broker unreachable (simulated)"));
                    }
                    return super.send(record);
                }
            };
        }
    }

    long relayPosition() {
        String token = jdbc.queryForObject("SELECT convert_from(token, 'UTF8') FROM token_entry WHERE processor_name = 'kafka-relay'",
                String.class);
        if (token == null) {
            return -1;
        }
        var matcher = java.util.regex.Pattern.compile("\"index\"\\s*:\\s*(\\d+)").matcher(token);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    long globalIndexOfFirstEvent(String ticketId) {
        return jdbc.queryForObject("SELECT min(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, ticketId);
    }

    @Test
    void stopsAtAnUnsentEventAndPublishesItOnceKafkaAcceptsAgain() throws Exception {
        failing.set(true);
        try {
            String ticketId = submitLeave(2);
            client().post("lena", "/tickets/" + ticketId + "/handle", java.util.Map.of("transition", "leader_approve"))
                    .expectStatus().isOk();
            Thread.sleep(3000);
            assertThat(relayed(ticketId, 1, 2000)).as("nothing is published while sends fail").isEmpty();
            assertThat(relayPosition()).as("the relay has not moved past the unsent event")
                    .isLessThan(globalIndexOfFirstEvent(ticketId));

            failing.set(false);
            var records = relayed(ticketId, 3);
            assertThat(records).extracting(CommandServiceTest::ceType).containsExactly(
                    "dev.baton.ticket.TicketCreated.v1", "dev.baton.ticket.TicketHandled.v1",
                    "dev.baton.ticket.TicketHandled.v1");
        } finally {
            failing.set(false);
        }
    }
}
