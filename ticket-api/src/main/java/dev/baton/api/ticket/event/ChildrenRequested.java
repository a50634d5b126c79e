package dev.baton.api.ticket.event;

import dev.baton.api.ticket.StateRef;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The ticket arrived in a state that starts child tickets; ticket-command starts each of them next. It carries what
 * the children are created with: their ids, workflows, titles and field values, the parent's creator and caller
 * application (the children's), and the parent's field values (for rules relative to a parent's field).
 */
public record ChildrenRequested(String ticketId, String actor, Instant at, StateRef state, List<Child> children,
                                String creator, String appId, String serialNo, Map<String, Object> parentFields)
        implements TicketEvent {
    public ChildrenRequested {
        children = children == null ? List.of() : List.copyOf(children);
        parentFields = parentFields == null ? Map.of() : Map.copyOf(parentFields);
    }

    /** One child to start. */
    public record Child(String ticketId, String workflowKey, String title, Map<String, Object> fields,
                        String submit) {
        public Child {
            fields = fields == null ? Map.of() : Map.copyOf(fields);
        }
    }
}
