package dev.baton.command.ticket.children;

import dev.baton.api.ticket.ChildOutcome;
import dev.baton.api.ticket.event.ChildEnded;
import dev.baton.api.ticket.event.ChildrenRequested;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** The state whose children the ticket waits for, and those children (the latest batch) with their outcomes. */
public final class ChildBatch {
    private String state;
    private final Map<String, ChildOutcome> children = new LinkedHashMap<>();
    private int started;

    /** The state that started the latest batch. */
    public String state() {
        return state;
    }

    /** Children started so far, over the ticket's life: the next child's number counts on from here. */
    public int started() {
        return started;
    }

    /** Whether {@code child} belongs to the latest batch and has not ended yet. */
    public boolean waitsFor(String child) {
        return children.containsKey(child) && children.get(child) == null;
    }

    /** The outcome counts of the latest batch, as a child condition reads them. */
    public Map<String, Object> counts() {
        Map<String, Object> counts = new LinkedHashMap<>();
        long total = children.size();
        long open = children.values().stream().filter(Objects::isNull).count();
        counts.put("total", total);
        counts.put("ended", total - open);
        counts.put("open", open);
        for (ChildOutcome outcome : ChildOutcome.values()) {
            counts.put(outcome.name().toLowerCase(Locale.ROOT),
                    children.values().stream().filter(o -> o == outcome).count());
        }
        return counts;
    }

    public void requested(ChildrenRequested e) {
        state = e.state().key();
        children.clear();
        e.children().forEach(c -> children.put(c.ticketId(), null));
        started += e.children().size();
    }

    public void ended(ChildEnded e) {
        children.replace(e.child(), e.outcome());
    }
}
