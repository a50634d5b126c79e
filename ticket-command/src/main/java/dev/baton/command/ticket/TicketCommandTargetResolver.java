package dev.baton.command.ticket;

import dev.baton.api.ticket.command.CreateTicket;
import dev.baton.api.ticket.command.TicketCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.stereotype.Component;

/**
 * Finds the ticket a command is for from the {@link TicketCommand} interface, so the shared command records need no
 * Axon annotations. The version the caller expects is not handed to Axon: Axon would compare it while loading the
 * ticket, before the ticket's own guards run, and tell a caller not granted the ticket's workflow the ticket's
 * version. The {@code Ticket} checks {@code expectedVersion} itself, after the caller's grant.
 */
@Component("ticketCommandTargetResolver")
public class TicketCommandTargetResolver implements CommandTargetResolver {
    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        if (command.getPayload() instanceof TicketCommand ticketCommand) {
            return new VersionedAggregateIdentifier(ticketCommand.ticketId(), null);
        }
        if (command.getPayload() instanceof CreateTicket create) {
            return new VersionedAggregateIdentifier(create.ticketId(), null);
        }
        throw new IllegalArgumentException("Not a ticket command: " + command.getPayloadType().getName());
    }
}
