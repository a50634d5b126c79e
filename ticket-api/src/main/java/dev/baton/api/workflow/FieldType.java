package dev.baton.api.workflow;

/** The kinds of custom field a workflow can define, with the JSON form each value takes. */
public enum FieldType {
    /** A single-line string. */
    TEXT,
    /** A multi-line string. */
    TEXTAREA,
    /** A whole number (JSON integer, held as {@code Long}). */
    INTEGER,
    /** A decimal number (JSON number, held as {@code BigDecimal}). */
    DECIMAL,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** An ISO-8601 date string, {@code 2026-11-22}. */
    DATE,
    /** An ISO-8601 instant or offset date-time string, {@code 2026-11-22T09:00:00Z}. */
    DATETIME,
    /** One of the field's options. */
    SINGLE_CHOICE,
    /** A list of distinct options. */
    MULTI_CHOICE,
    /** A username from the directory. */
    USER,
    /** A list of distinct usernames from the directory. */
    MULTI_USER
}
