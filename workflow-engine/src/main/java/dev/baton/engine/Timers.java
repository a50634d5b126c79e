package dev.baton.engine;

import dev.baton.api.ticket.TimerKind;
import dev.baton.api.ticket.event.TimersScheduled;
import dev.baton.api.workflow.StateTimers;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A state's timers: their durations read and checked, and the schedule an arrival starts. */
public final class Timers {
    /** The shortest duration a timer may have. */
    public static final Duration SHORTEST = Duration.ofSeconds(1);
    /** The longest. */
    public static final Duration LONGEST = Duration.ofDays(366);

    private Timers() {
    }

    /** An ISO-8601 duration ({@code PT48H}, {@code P2D}) within {@link #SHORTEST} and {@link #LONGEST}, if it is one. */
    public static Optional<Duration> duration(String iso) {
        if (iso == null) {
            return Optional.empty();
        }
        try {
            Duration d = Duration.parse(iso);
            return d.compareTo(SHORTEST) < 0 || d.compareTo(LONGEST) > 0 ? Optional.empty() : Optional.of(d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The timers an arrival at {@code arrival} starts, each with an id made of {@code prefix} and its kind. Durations
     * that do not read are left out (publishing refuses them).
     */
    public static List<TimersScheduled.Timer> schedule(StateTimers timers, Instant arrival, String prefix) {
        List<TimersScheduled.Timer> scheduled = new ArrayList<>();
        if (timers == null) {
            return scheduled;
        }
        if (timers.timeout() != null) {
            duration(timers.timeout().after()).ifPresent(after -> scheduled.add(new TimersScheduled.Timer(
                    prefix + "-timeout", TimerKind.TIMEOUT, arrival.plus(after), null, 1)));
        }
        if (timers.reminders() != null) {
            Optional<Duration> first = duration(timers.reminders().first());
            Optional<Duration> every = duration(timers.reminders().every());
            first.ifPresent(f -> scheduled.add(new TimersScheduled.Timer(prefix + "-reminder", TimerKind.REMINDER,
                    arrival.plus(f), every.map(Duration::toSeconds).orElse(null),
                    every.isEmpty() ? Integer.valueOf(1) : timers.reminders().times())));
        }
        if (timers.sla() != null) {
            duration(timers.sla().within()).ifPresent(within -> scheduled.add(new TimersScheduled.Timer(
                    prefix + "-sla", TimerKind.SLA, arrival.plus(within), null, 1)));
        }
        return scheduled;
    }
}
