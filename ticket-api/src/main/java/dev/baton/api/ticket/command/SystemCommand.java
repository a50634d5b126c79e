package dev.baton.api.ticket.command;

import dev.baton.api.ticket.event.TicketEvent;

/**
 * A command ticket-command sends itself, from one of its processes: Baton acts, through no caller application and
 * with no expected version. No HTTP call can send one.
 */
public interface SystemCommand extends TicketCommand {
    @Override
    default String actor() {
        return TicketEvent.SYSTEM_ACTOR;
    }

    @Override
    default String appId() {
        return null;
    }

    @Override
    default Long expectedVersion() {
        return null;
    }
}
