package dev.baton.command.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.baton.api.CloudEventHeaders;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The checked-in JSON Schemas of ticket-api ({@code baton/schemas/}), to hold what Baton writes against them. A schema
 * lets readers meet properties it does not declare; here they are refused, so a property the mapper writes but the
 * schema lacks fails too.
 */
public final class EventSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private EventSchemas() {
    }

    /** What is wrong with an event's JSON against the schema its {@code ce_dataschema} names; empty when valid. */
    public static List<String> violations(JsonNode event, String dataSchema) {
        String ceType = dataSchema.substring(CloudEventHeaders.DATA_SCHEMA_PREFIX.length());
        return violationsOf(event, "baton/schemas/events/" + ceType + ".json");
    }

    /** What is wrong with a message's JSON against the schema file at {@code resource}; empty when valid. */
    public static List<String> violationsOf(JsonNode message, String resource) {
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return List.of("no schema " + resource);
            }
            JsonNode schema = closed(JSON.readTree(in));
            return REGISTRY.getSchema(schema).validate(message).stream().map(Error::toString).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema with {@code additionalProperties: false} on every object schema that lists its properties. */
    private static JsonNode closed(JsonNode schema) {
        if (schema instanceof ObjectNode object && object.has("properties") && !object.has("additionalProperties")) {
            object.put("additionalProperties", false);
        }
        schema.forEach(EventSchemas::closed);
        return schema;
    }
}
