package dev.baton.api.workflow;

/** How a custom field behaves in one state. A field a state does not mention is {@link #HIDDEN} there. */
public enum FieldAccess {
    REQUIRED, OPTIONAL, READ_ONLY, HIDDEN;

    public boolean visible() { return this != HIDDEN; }

    public boolean editable() { return this == REQUIRED || this == OPTIONAL; }
}
