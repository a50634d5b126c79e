package dev.baton.command.ticket.hooks;

import dev.baton.api.ticket.event.HookAnswered;
import dev.baton.api.ticket.event.HookRequested;

/** While an external system handles the current state: the hook call it answers, and whether every try failed. */
public final class HookCall {
    private String pending;
    private boolean failed;
    private int tries;

    /** The call the ticket waits on; null when none. */
    public String pending() {
        return pending;
    }

    /** Whether the pending call failed after every attempt. */
    public boolean failed() {
        return failed;
    }

    /** Calls made so far, over the ticket's life: the next call's id counts on from here. */
    public int tries() {
        return tries;
    }

    public void requested(HookRequested e) {
        pending = e.hookId();
        failed = false;
        tries++;
    }

    public void answered(HookAnswered e) {
        if (e.exhausted()) {
            failed = true;
        } else {
            pending = null;
            failed = false;
        }
    }

    /** On arrival anywhere: no call is waited on. */
    public void clear() {
        pending = null;
        failed = false;
    }
}
