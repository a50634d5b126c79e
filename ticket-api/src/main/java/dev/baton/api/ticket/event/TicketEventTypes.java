package dev.baton.api.ticket.event;

import dev.baton.api.CloudEventHeaders;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The published ticket event types and their CloudEvents {@code ce_type} names. */
public final class TicketEventTypes {
    /** The revision of every event's JSON shape. Bump per type, with an upcaster, when a shape changes. */
    public static final int REVISION = 1;

    public static final List<Class<? extends TicketEvent>> ALL = List.of(
            TicketCreated.class, TicketHandled.class, CountersignRecorded.class, TicketAccepted.class,
            TicketTransferred.class, SignAdded.class, SignFinished.class, TicketClosed.class, CommentAdded.class,
            TicketReleased.class, TicketWithdrawn.class, TicketSentBack.class, TicketReassigned.class,
            TicketJumped.class, FieldsPatched.class, TicketCopied.class, TicketReminded.class, TicketDeleted.class,
            TicketMigrated.class, ChildrenRequested.class, ChildEnded.class, ParticipantsRequested.class,
            ParticipantsResolved.class, TimersScheduled.class, TimerFired.class, HookRequested.class,
            HookAnswered.class);

    private static final Map<String, Class<? extends TicketEvent>> BY_TYPE =
            ALL.stream().collect(Collectors.toUnmodifiableMap(TicketEventTypes::ceType, Function.identity()));
    private static final Map<String, Class<? extends TicketEvent>> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private TicketEventTypes() {
    }

    public static String ceType(Class<?> eventClass) {
        return CloudEventHeaders.TYPE_PREFIX + eventClass.getSimpleName() + ".v" + REVISION;
    }

    /** The {@code ce_dataschema} of an event type: the {@code $id} of its revision's JSON Schema. */
    public static String dataSchema(Class<?> eventClass) {
        return CloudEventHeaders.DATA_SCHEMA_PREFIX + ceType(eventClass);
    }

    public static Optional<Class<? extends TicketEvent>> forCeType(String ceType) {
        return Optional.ofNullable(BY_TYPE.get(ceType));
    }

    /** The event type of a simple name ({@code TicketHandled}), as stored events and flow logs name them. */
    public static Optional<Class<? extends TicketEvent>> forName(String simpleName) {
        return Optional.ofNullable(BY_NAME.get(simpleName));
    }
}
