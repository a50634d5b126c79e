package dev.baton.api.ticket.command;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How workers send commands to ticket-command on {@link dev.baton.api.Topics#TICKET_COMMANDS}: key = ticket id,
 * value = the command as JSON, header {@value #TYPE_HEADER} = its simple name. Only the system commands listed here
 * are taken; anything else goes to the dead-letter topic.
 */
public final class CommandTopic {
    public static final String TYPE_HEADER = "baton_command";
    /** Header a sender may set: when the command was sent, ISO-8601 (timer lateness is measured from it). */
    public static final String SENT_HEADER = "baton_sent_at";
    public static final String DEAD_LETTERS = "baton.ticket.commands.dlt";

    /** The commands ticket-command takes from the topic. */
    public static final List<Class<? extends SystemCommand>> ALL = List.of(
            FireTimer.class, ResolveParticipants.class, RecordChildOutcome.class, AnswerHook.class);

    private static final Map<String, Class<? extends SystemCommand>> TYPES =
            ALL.stream().collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private CommandTopic() {
    }

    public static Optional<Class<? extends SystemCommand>> type(String name) {
        return Optional.ofNullable(name == null ? null : TYPES.get(name));
    }
}
