package dev.baton.api.workflow;

import java.util.List;
import java.util.Map;

/**
 * A state that starts child tickets when a ticket arrives and waits for them. Nobody acts on the parent meanwhile:
 * when {@code condition} holds over the children's outcomes, or else once every child has ended, the parent takes
 * {@code transition} (or, with a condition that never held, {@code otherwise}).
 *
 * @param tickets    the children to start, one ticket each
 * @param condition  an expression over the outcome counts {@code total}, {@code ended}, {@code open},
 *                   {@code finished}, {@code rejected}, {@code closed}, {@code deleted} and {@code failed}, checked
 *                   each time a child ends, e.g. {@code rejected > 0} or {@code finished >= 2}; absent: all must end
 * @param transition the transition (leaving this state) the parent takes when the condition holds, or when all
 *                   children have ended and there is no condition
 * @param otherwise  with a condition: the transition taken when every child has ended and the condition never held
 */
public record ChildTickets(List<Child> tickets, String condition, String transition, String otherwise) {
    public ChildTickets {
        tickets = Entries.list("the child tickets", tickets);
    }

    /**
     * One child ticket.
     *
     * @param workflow the child's workflow key (its latest published version)
     * @param title    the child's title; the parent's when absent
     * @param fields   child field key → parent field key whose value it takes
     * @param submit   the transition out of the child's start state taken at once; absent: the child waits as a draft
     *                 with the parent's creator
     */
    public record Child(String workflow, String title, Map<String, String> fields, String submit) {
        public Child {
            fields = Entries.map("a child ticket's fields", fields);
        }
    }
}
