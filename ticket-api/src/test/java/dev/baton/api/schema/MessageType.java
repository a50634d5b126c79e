package dev.baton.api.schema;

import java.nio.file.Path;

/**
 * One kind of message Baton writes on Kafka, as its schema names it.
 *
 * @param name    the versioned type name, {@code <namespace>.<SimpleName>.v<revision>}; for a ticket event its
 *                {@code ce_type}
 * @param record  the record whose JSON the message value is
 * @param writing how the writer's mapper writes it: compact (events) or with every property (commands, config)
 * @param folder  the folder of its schema file under {@link MessageSchemas#SCHEMAS}
 */
record MessageType(String name, Class<?> record, Writing writing, String folder) {
    /** How a message's writer lays out its JSON. */
    enum Writing {
        /** {@code BatonJson.compactMapper()}: a null or empty property is left out, never written as null. */
        COMPACT,
        /** {@code BatonJson.mapper()}: every property is written, a missing value as null. */
        EVERY_PROPERTY
    }

    /** The schema's {@code $id}, and for a ticket event its {@code ce_dataschema}. */
    String schemaId() {
        return MessageSchemas.SCHEMA_PREFIX + name;
    }

    /** The schema file, relative to the project root. */
    Path file() {
        return MessageSchemas.SCHEMAS.resolve(folder).resolve(name + ".json");
    }

    String simpleName() {
        return record.getSimpleName();
    }
}
