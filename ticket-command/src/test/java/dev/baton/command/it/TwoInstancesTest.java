package dev.baton.command.it;

import dev.baton.command.TicketCommandApplication;
import dev.baton.testing.SignedClient;
import dev.baton.testing.TestKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two ticket-command instances share one event store, each with its own cache of loaded tickets. When one decides
 * on a ticket the other changed meanwhile, its write is refused (never a second event with the same sequence, never
 * a 500), and its next command is decided on fresh state.
 */
class TwoInstancesTest extends CommandServiceTest {
    static ConfigurableApplicationContext second;
    static int secondPort;

    @BeforeAll
    static void startSecondInstance() {
        second = new SpringApplicationBuilder(TicketCommandApplication.class).run(
                "--spring.config.name=ticket-command", "--server.port=0",
                "--spring.datasource.url=" + DB.jdbcUrl() + "?currentSchema=ticket_command",
                "--spring.datasource.username=" + DB.username(), "--spring.datasource.password=" + DB.password(),
                "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(), "--baton.serial.prefix=TWO");
        secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    SignedClient other() {
        return new SignedClient("http://localhost:" + secondPort, APP, SECRET);
    }

    @Test
    void aStaleInstanceRetriesOnTheStoredEventsAndDecidesOnFreshState() {
        String ticketId = submitLeave(2);
        client().post("lena", "/tickets/" + ticketId + "/comments", Map.of("comment", "loads it here"))
                .expectStatus().isOk();

        other().post("lena", "/tickets/" + ticketId + "/handle", Map.of("transition", "leader_approve"))
                .expectStatus().isOk();
        int stale = client().post("lena", "/tickets/" + ticketId + "/handle", Map.of("transition", "leader_reject"))
                .returnResult(byte[].class).getStatus().value();

        // the first instance's copy is stale: its append collides, and the retry on the stored events finds that
        // lena no longer handles the ticket
        assertThat(stale).as("refused as not a participant, decided on the fresh copy").isEqualTo(403);
        assertThat(jdbc.queryForList("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number", String.class, ticketId))
                .extracting(t -> t.substring(t.lastIndexOf('.') + 1))
                .containsExactly("TicketCreated", "TicketHandled", "CommentAdded", "TicketHandled");
        client().post("ops2", "/tickets/" + ticketId + "/accept", Map.of()).expectStatus().isOk();
    }
}
