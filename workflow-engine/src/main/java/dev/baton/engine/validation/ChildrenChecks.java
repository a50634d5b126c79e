package dev.baton.engine.validation;

import dev.baton.api.workflow.ChildTickets;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateType;
import dev.baton.engine.ConditionException;
import dev.baton.engine.Conditions;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static dev.baton.engine.validation.Keys.isBlank;
import static dev.baton.engine.validation.Keys.isKey;

/**
 * A state that starts child tickets: a normal state without participants, one to {@value #MAX_CHILDREN} children on
 * well-formed workflow keys taking values from known fields, a condition over the outcome counts, and transitions
 * that leave this state.
 */
public final class ChildrenChecks {
    /** The names a child-ticket condition may use: the counts of the children's outcomes. */
    public static final Set<String> CHILD_COUNTS = Set.of("total", "ended", "open", "finished", "rejected", "closed",
            "deleted", "failed");
    static final int MAX_CHILDREN = 20;

    private ChildrenChecks() {
    }

    public static void children(Draft draft, StateDef state) {
        ChildTickets children = state.children();
        if (children == null) {
            return;
        }
        String where = "State '" + state.key() + "'";
        if (state.type() != StateType.NORMAL) {
            draft.problem(where + " starts child tickets but is a " + state.type() + " state; only NORMAL states "
                    + "can");
        }
        if (state.participants() != null || state.fallback() != null) {
            draft.problem(where + " starts child tickets and names participants or a fallback; the ticket waits for "
                    + "its children there, nobody acts on it");
        }
        if (children.tickets().isEmpty() || children.tickets().size() > MAX_CHILDREN) {
            draft.problem(where + " starts " + children.tickets().size() + " child tickets; it must start 1 to "
                    + MAX_CHILDREN);
        }
        for (ChildTickets.Child child : children.tickets()) {
            if (child == null) {
                draft.problem(where + " starts a child ticket without a valid workflow key");
                continue;
            }
            if (!isKey(child.workflow())) {
                draft.problem(where + " starts a child ticket without a valid workflow key");
            }
            if (child.title() != null && (child.title().isBlank() || child.title().length() > 200)) {
                draft.problem(where + " gives child '" + child.workflow() + "' a blank title or one over 200 "
                        + "characters");
            }
            child.fields().forEach((childField, parentField) -> {
                if (!draft.knowsField(parentField)) {
                    draft.problem(where + " fills child field '" + childField + "' of '" + child.workflow()
                            + "' from unknown field '" + parentField + "'");
                }
            });
        }
        List<String> leaving = draft.leaving(state.key());
        if (isBlank(children.transition()) || !leaving.contains(children.transition())) {
            draft.problem(where + " must name the transition its ticket takes when its children are done, one of "
                    + leaving + "; got '" + children.transition() + "'");
        }
        if (children.condition() != null) {
            if (isBlank(children.otherwise()) || !leaving.contains(children.otherwise())) {
                draft.problem(where + " has a condition over its children and must name the transition taken "
                        + "when it never holds ('otherwise'), one of " + leaving + "; got '" + children.otherwise()
                        + "'");
            }
            try {
                Conditions.check(children.condition());
                for (String name : Conditions.referencedFields(children.condition())) {
                    if (!CHILD_COUNTS.contains(name)) {
                        draft.problem(where + " has child condition '" + children.condition() + "' naming '" + name
                                + "'; it may use " + new TreeSet<>(CHILD_COUNTS));
                    }
                }
            } catch (ConditionException e) {
                draft.problem(where + " has an invalid child condition: " + e.getMessage());
            }
        } else if (children.otherwise() != null) {
            draft.problem(where + " names an 'otherwise' transition without a condition over its children");
        }
    }
}
