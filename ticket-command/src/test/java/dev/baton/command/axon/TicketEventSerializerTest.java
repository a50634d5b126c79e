package dev.baton.command.axon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.ticket.Assignment;
import dev.baton.api.ticket.event.TicketAccepted;
import dev.baton.api.ticket.event.TicketEventTypes;
import dev.baton.api.workflow.Distribution;
import dev.baton.engine.BatonJson;
import dev.baton.engine.PresetDictionaryDeflate;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TicketEventSerializerTest {
    static final TicketAccepted EVENT = new TicketAccepted("78ea2bab-0909-46e3-9758-a8c490283f7b", "ops3",
            Instant.parse("2026-11-22T09:00:00.123456789Z"),
            new Assignment(Distribution.ACCEPT_FIRST, List.of("ops3"), false, List.of(), null));
    final TicketEventSerializer serializer = TicketEventSerializer.create();

    @Test
    void storesTicketEventsDeflatedUnderTheirSimpleNameAndReadsThemBack() throws Exception {
        byte[] json = BatonJson.compactMapper().writeValueAsBytes(EVENT);

        SerializedObject<byte[]> stored = serializer.serialize(EVENT, byte[].class);

        assertThat(stored.getType().getName()).isEqualTo("TicketAccepted");
        assertThat(PresetDictionaryDeflate.isDeflated(stored.getData())).isTrue();
        assertThat(stored.getData().length).isLessThan(json.length * 2 / 3);
        assertThat(serializer.classForType(stored.getType())).isEqualTo(TicketAccepted.class);
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(EVENT);
    }

    @Test
    void readsPlainJsonPayloadsToo() throws Exception {
        byte[] json = BatonJson.mapper().writeValueAsBytes(EVENT);

        Object read = serializer.deserialize(new SimpleSerializedObject<>(json, byte[].class, "TicketAccepted", null));

        assertThat(read).isEqualTo(EVENT);
    }

    @Test
    void upcastersSeeTheStoredPayloadAsJson() {
        SerializedObject<byte[]> stored = serializer.serialize(EVENT, byte[].class);

        JsonNode tree = serializer.getConverter().convert(stored, JsonNode.class).getData();

        assertThat(tree.path("actor").asText()).isEqualTo("ops3");
        assertThat(tree.path("assignment").path("users").get(0).asText()).isEqualTo("ops3");
        assertThat(tree.has("ticketId")).isTrue();
    }

    @Test
    void otherRepresentationsAreNotDeflated() {
        SerializedObject<JsonNode> tree = serializer.serialize(EVENT, JsonNode.class);

        assertThat(tree.getData().path("at").asText()).isEqualTo("2026-11-22T09:00:00.123456789Z");
    }

    @Test
    void aDamagedPayloadIsRefusedWithAClearMessage() {
        byte[] stored = serializer.serialize(EVENT, byte[].class).getData();
        byte[] truncated = java.util.Arrays.copyOf(stored, stored.length / 2);

        assertThatThrownBy(() -> serializer.deserialize(
                new SimpleSerializedObject<>(truncated, byte[].class, "TicketAccepted", null)))
                .hasMessageContaining("stored event payload");
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
    void otherTypesKeepTheirClassNameAndAreNotDeflated() {
        assertThat(serializer.typeForClass(Map.class).getName()).isEqualTo("java.util.Map");
        byte[] map = serializer.serialize(Map.of("a", 1), byte[].class).getData();
        assertThat(new String(map)).isEqualTo("{\"a\":1}");
        assertThat(serializer.classForType(new SimpleSerializedType("NoSuchEvent", null)))
                .isEqualTo(UnknownSerializedType.class);
    }
}
