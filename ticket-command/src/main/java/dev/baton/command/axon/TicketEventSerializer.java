package dev.baton.command.axon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.api.ticket.event.TicketEventTypes;
import dev.baton.engine.BatonJson;
import dev.baton.engine.PresetDictionaryDeflate;
import org.axonframework.serialization.CannotConvertBetweenTypesException;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.ContentTypeConverter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

import java.io.IOException;

/**
 * Axon's Jackson serializer for stored events, with three differences that make a stored event ~40 % of its JSON:
 * <ul>
 *   <li>compact JSON ({@link BatonJson#compactMapper()}: null and empty properties left out);</li>
 *   <li>a ticket event's payload type is its simple name ({@code TicketHandled}), the name its {@code ce_type} uses,
 *       not its Java class name, so stored events do not depend on the package the classes live in;</li>
 *   <li>a ticket event's JSON is stored deflated with a preset dictionary ({@code event-dictionary-1.txt},
 *       {@link PresetDictionaryDeflate}): ~370 bytes of JSON become ~150.</li>
 * </ul>
 * Reading accepts both deflated and plain JSON payloads (a zlib stream cannot start with {@code {}). Upcasters still
 * get JSON: the conversion from stored bytes to {@link JsonNode} inflates first. The relay publishes plain JSON.
 */
final class TicketEventSerializer extends JacksonSerializer {
    private static final PresetDictionaryDeflate DEFLATE =
            PresetDictionaryDeflate.ofResources(TicketEventSerializer.class, "event-dictionary-1.txt");

    private TicketEventSerializer(Builder builder) {
        super(builder);
    }

    static TicketEventSerializer create() {
        return new TicketEventSerializer(JacksonSerializer.builder().objectMapper(BatonJson.compactMapper()));
    }

    @Override
    public SerializedType typeForClass(Class type) {
        if (isTicketEvent(type)) {
            return new SimpleSerializedType(type.getSimpleName(), getRevisionResolver().revisionOf(type));
        }
        return super.typeForClass(type);
    }

    @Override
    protected String resolveClassName(SerializedType serializedType) {
        return TicketEventTypes.forName(serializedType.getName()).map(Class::getName)
                .orElseGet(() -> super.resolveClassName(serializedType));
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (object == null || !isTicketEvent(object.getClass()) || !byte[].class.equals(expectedRepresentation)) {
            return super.serialize(object, expectedRepresentation);
        }
        SerializedObject<byte[]> json = super.serialize(object, byte[].class);
        @SuppressWarnings("unchecked")
        SerializedObject<T> deflated = (SerializedObject<T>) new SimpleSerializedObject<>(
                DEFLATE.deflate(json.getData()), byte[].class, json.getType());
        return deflated;
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        if (byte[].class.equals(serializedObject.getContentType())
                && PresetDictionaryDeflate.isDeflated((byte[]) serializedObject.getData())) {
            return super.deserialize(new SimpleSerializedObject<>(
                    inflate((byte[]) serializedObject.getData()), byte[].class, serializedObject.getType()));
        }
        return super.deserialize(serializedObject);
    }

    @Override
    protected void registerConverters(ChainingConverter converter) {
        super.registerConverters(converter);
        // registered last, so it takes precedence over Jackson's plain byte[] -> JsonNode conversion
        converter.registerConverter(new StoredBytesToJsonNode());
    }

    static byte[] inflate(byte[] stored) {
        return DEFLATE.inflate(stored, "stored event payload");
    }

    private static boolean isTicketEvent(Class<?> type) {
        return type != null && TicketEventTypes.forName(type.getSimpleName()).filter(type::equals).isPresent();
    }

    /** Stored bytes (deflated or plain JSON) to a JSON tree, for upcasters. */
    private final class StoredBytesToJsonNode implements ContentTypeConverter<byte[], JsonNode> {
        @Override
        public Class<byte[]> expectedSourceType() {
            return byte[].class;
        }

        @Override
        public Class<JsonNode> targetType() {
            return JsonNode.class;
        }

        @Override
        public JsonNode convert(byte[] original) {
            try {
                return getObjectMapper().readTree(PresetDictionaryDeflate.isDeflated(original) ? inflate(original) : original);
            } catch (IOException e) {
                throw new CannotConvertBetweenTypesException("Cannot read a stored event payload as JSON", e);
            }
        }
    }
}
