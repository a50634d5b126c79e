package dev.baton.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON configuration every Baton service uses (REST, Kafka, the Axon serializer): ISO-8601 dates, a
 * tolerant reader, exact numbers ({@code Long} for integers, {@code BigDecimal} for decimals) and nulls kept.
 */
public final class BatonJson {
    private BatonJson() {
    }

    /** A new, fully configured mapper; callers may keep and share it (mappers are thread-safe once configured). */
    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.USE_LONG_FOR_INTS)
                // trees keep a decimal's scale (12.50 stays 12.50), as direct reads do
                .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    }

    /**
     * The mapper for stored and published ticket events: as {@link #mapper()}, but a property that is null or
     * empty (an empty list, map or string) is left out. Readers lose nothing: the event records turn a missing list
     * or map back into an empty one. Map entries are always written, so a field value set to null stays in the
     * event.
     */
    public static ObjectMapper compactMapper() {
        return mapper().setDefaultPropertyInclusion(
                JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, JsonInclude.Include.ALWAYS));
    }
}
