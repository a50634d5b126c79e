package dev.baton.api.ticket.command;

import dev.baton.api.ticket.SignMode;
import dev.baton.api.ticket.SignPosition;

import java.util.List;

/**
 * Add signers to the current state: before the actor (they answer, then the actor decides), after the actor (the
 * actor's {@code transition} is held until they agree) or in parallel (they act alongside the actor); several
 * signers answer in {@code mode}.
 */
public record AddSign(String ticketId, String actor, String appId, List<String> users, SignPosition position,
                      SignMode mode, String transition, String comment, Long expectedVersion)
        implements TicketCommand {
    public AddSign {
        users = users == null ? List.of() : users.stream().toList();
        position = position == null ? SignPosition.BEFORE : position;
        mode = mode == null ? SignMode.ANY : mode;
    }

    /** One signer, before the actor. */
    public AddSign(String ticketId, String actor, String appId, String to, String comment, Long expectedVersion) {
        this(ticketId, actor, appId, to == null ? null : java.util.Collections.singletonList(to), SignPosition.BEFORE,
                SignMode.ANY, null, comment, expectedVersion);
    }
}
