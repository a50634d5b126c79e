package dev.baton.notification.consumer;

import dev.baton.api.CloudEventHeaders;
import dev.baton.api.ticket.event.TicketAccepted;
import dev.baton.api.ticket.event.TicketEventTypes;
import dev.baton.api.ticket.event.TicketHandled;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A role tells from a record's type header, before reading it, whether the record can leave a state. */
class StateExitsTest {
    @Test
    void theTypeHeaderNamesTheEventClassAndWhetherItLeavesAState() {
        ConsumerRecord<String, String> handled = record(TicketEventTypes.ceType(TicketHandled.class));
        ConsumerRecord<String, String> accepted = record(TicketEventTypes.ceType(TicketAccepted.class));

        assertThat(StateExits.typeOf(handled)).contains(TicketHandled.class);
        assertThat(StateExits.leaves(StateExits.typeOf(handled).orElseThrow())).isTrue();
        assertThat(StateExits.typeOf(accepted)).contains(TicketAccepted.class);
        assertThat(StateExits.leaves(StateExits.typeOf(accepted).orElseThrow())).isFalse();
    }

    @Test
    void anUnknownOrMissingTypeNamesNoClass() {
        assertThat(StateExits.typeOf(record("dev.baton.ticket.TicketTeleported.v1"))).isEmpty();
        assertThat(StateExits.typeOf(new ConsumerRecord<>("t", 0, 0, "T-1", "{}"))).isEmpty();
    }

    private static ConsumerRecord<String, String> record(String type) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("t", 0, 0, "T-1", "{}");
        record.headers().add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
