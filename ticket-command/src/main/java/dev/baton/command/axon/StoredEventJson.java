package dev.baton.command.axon;

import dev.baton.engine.PresetDictionaryDeflate;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The JSON of a ticket event's payload as the store holds it, without deserializing it. An event read from the store
 * hands over its stored bytes (inflated when stored deflated), or, when an upcaster rewrote it, the upcast JSON; an
 * event not read from the store is serialized as the store would. Either way the JSON is the compact JSON of the
 * event's current revision ({@link TicketEventSerializer}), so a reader gets what deserializing and serializing it
 * again would give, for a fraction of the cost.
 */
@Component
public class StoredEventJson {
    private final Serializer serializer;

    public StoredEventJson(@Qualifier("eventSerializer") Serializer serializer) {
        this.serializer = serializer;
    }

    /** The payload's JSON. */
    public byte[] of(EventMessage<?> message) {
        byte[] stored = message.serializePayload(serializer, byte[].class).getData();
        return PresetDictionaryDeflate.isDeflated(stored) ? TicketEventSerializer.inflate(stored) : stored;
    }
}
