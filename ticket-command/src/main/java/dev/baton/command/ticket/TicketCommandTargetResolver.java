package dev.baton.command.ticket;

import dev.baton.api.ticket.command.CreateTicket;
import dev.baton.api.ticket.command.TicketCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.stereotype.Component;

/**
 * Finds the ticket a command is for, and the version the caller expects it at, from the {@link TicketCommand}
 * interface, so the shared command records need no Axon annotations.
 */
@Component("ticketCommandTargetResolver")
public class TicketCommandTargetResolver implements CommandTargetResolver {
    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        if (command.getPayload() instanceof TicketCommand ticketCommand) {
            return new VersionedAggregateIdentifier(ticketCommand.ticketId(), ticketCommand.expectedVersion());
        }
        if (command.getPayload() instanceof CreateTicket create) {
            return new VersionedAggregateIdentifier(create.ticketId(), null);
        }
        throw new IllegalArgumentException("Not a ticket command: " + command.getPayloadType().getName());
    }
}
