package dev.baton.api.ticket;

/** What a state's timer does when it fires. */
public enum TimerKind {
    /** Takes the state's time-out transition. */
    TIMEOUT,
    /** Reminds the current participants. */
    REMINDER,
    /** Escalates a breached deadline. */
    SLA
}
