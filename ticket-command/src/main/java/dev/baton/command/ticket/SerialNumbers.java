package dev.baton.command.ticket;

import java.time.Instant;

/**
 * Gives each accepted ticket its human-readable number. {@link #next} runs in the transaction of the command that
 * creates the ticket, as late as that command's decision allows: a create that is refused, or whose events cannot be
 * appended, rolls the number back, so accepted tickets get consecutive numbers.
 */
@FunctionalInterface
public interface SerialNumbers {
    /**
     * The next number under {@code prefix} (the workflow's own; the installation's when null) of the day {@code now}
     * falls on, in the installation's serial time zone.
     */
    String next(String prefix, Instant now);
}
