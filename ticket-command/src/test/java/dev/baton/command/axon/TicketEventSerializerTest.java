package dev.baton.command.axon;

import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.event.TicketAccepted;
import dev.baton.api.ticket.event.TicketEventTypes;
import dev.baton.api.workflow.Distribution;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TicketEventSerializerTest {
    final TicketEventSerializer serializer = TicketEventSerializer.create();

    @Test
    void storesTicketEventsUnderTheirSimpleNameAndReadsThemBack() {
        var event = new TicketAccepted("t-1", "ops3", Instant.parse("2026-11-22T09:00:00Z"),
                new Assignment(Distribution.ACCEPT_FIRST, List.of("ops3"), false, List.of(), null));

        SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);

        assertThat(stored.getType().getName()).isEqualTo("TicketAccepted");
        assertThat(new String(stored.getData(), StandardCharsets.UTF_8)).doesNotContain("null").doesNotContain("done");
        assertThat(serializer.classForType(stored.getType())).isEqualTo(TicketAccepted.class);
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(event);
    }

    @Test
    void everyTicketEventTypeHasAShortNameThatResolvesToItsClass() {
        for (var type : TicketEventTypes.ALL) {
            var serializedType = serializer.typeForClass(type);
            assertThat(serializedType.getName()).isEqualTo(type.getSimpleName());
            assertThat(serializer.classForType(serializedType)).isEqualTo(type);
        }
    }

    @Test
    void otherTypesKeepTheirClassNameAndUnknownNamesStayUnknown() {
        assertThat(serializer.typeForClass(Map.class).getName()).isEqualTo("java.util.Map");
        assertThat(serializer.classForType(new SimpleSerializedType("NoSuchEvent", null)))
                .isEqualTo(UnknownSerializedType.class);
    }
}
