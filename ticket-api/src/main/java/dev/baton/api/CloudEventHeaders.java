package dev.baton.api;

/** The CloudEvents 1.0 Kafka binary-mode headers Baton sets on every ticket event. */
public final class CloudEventHeaders {
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    /** The JSON Schema of the value: {@code urn:baton:schema:<ce_type>}, see {@link #DATA_SCHEMA_PREFIX}. */
    public static final String DATA_SCHEMA = "ce_dataschema";
    /** Extension: the event's sequence number within its ticket (0 for creation). */
    public static final String SEQUENCE = "ce_sequence";
    public static final String CONTENT_TYPE = "content-type";

    /** {@code ce_type} is {@code dev.baton.ticket.<EventName>.v<revision>}. */
    public static final String TYPE_PREFIX = "dev.baton.ticket.";

    /**
     * {@code ce_dataschema} is this prefix and the {@code ce_type}, the {@code $id} of the schema file
     * {@code baton/schemas/events/<ce_type>.json} in ticket-api (a name, not a location: Baton owns no web domain).
     */
    public static final String DATA_SCHEMA_PREFIX = "urn:baton:schema:";

    private CloudEventHeaders() {
    }
}
