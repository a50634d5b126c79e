package dev.baton.command.axon;

import dev.baton.api.ticket.event.TicketEvent;
import dev.baton.api.ticket.event.TicketEventTypes;
import dev.baton.engine.BatonJson;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Axon's Jackson serializer for stored events, writing compact JSON ({@link BatonJson#compactMapper()}) and naming
 * a ticket event's payload type by its simple name ({@code TicketHandled}), the name its {@code ce_type} uses, rather
 * than by its Java class name: ~28 bytes less per stored event, and stored events do not depend on the package the
 * classes live in. Any other type keeps its class name.
 */
final class TicketEventSerializer extends JacksonSerializer {
    private static final Map<String, Class<? extends TicketEvent>> BY_NAME = TicketEventTypes.ALL.stream()
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private TicketEventSerializer(Builder builder) {
        super(builder);
    }

    static TicketEventSerializer create() {
        return new TicketEventSerializer(JacksonSerializer.builder().objectMapper(BatonJson.compactMapper()));
    }

    @Override
    public SerializedType typeForClass(Class type) {
        if (type != null && BY_NAME.get(type.getSimpleName()) == type) {
            return new SimpleSerializedType(type.getSimpleName(), getRevisionResolver().revisionOf(type));
        }
        return super.typeForClass(type);
    }

    @Override
    protected String resolveClassName(SerializedType serializedType) {
        Class<? extends TicketEvent> event = BY_NAME.get(serializedType.getName());
        return event != null ? event.getName() : super.resolveClassName(serializedType);
    }
}
