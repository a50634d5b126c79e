package dev.baton.api;

/** The Kafka topics Baton's services talk over. */
public final class Topics {
    /** Every stored ticket event, key = ticket id, value = the event as JSON, CloudEvents headers. */
    public static final String TICKET_EVENTS = "baton.ticket.events";
    /** Commands from workers back to ticket-command (hook results, timer firings). */
    public static final String TICKET_COMMANDS = "baton.ticket.commands";
    /** Compacted: published workflow versions, key = {@code <workflow>@<version>}. */
    public static final String CONFIG_WORKFLOWS = "baton.config.workflows";
    /** Compacted: directory users, departments and roles, key = {@code user:…}, {@code department:…}, {@code role:…}. */
    public static final String CONFIG_DIRECTORY = "baton.config.directory";
    /** Compacted: caller applications, key = app id. */
    public static final String CONFIG_APPS = "baton.config.apps";

    private Topics() {
    }
}
