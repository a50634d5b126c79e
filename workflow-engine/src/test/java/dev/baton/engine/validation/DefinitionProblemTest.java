package dev.baton.engine.validation;

import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.engine.DefinitionValidator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DefinitionProblemTest extends DefinitionVariants {

    @Test
    void readsTheElementEachCheckerNamesFirst() {
        assertThat(DefinitionProblem.of("State 'review' has no participant rule"))
                .isEqualTo(new DefinitionProblem("State 'review' has no participant rule", "state", "review"));
        assertThat(DefinitionProblem.of("State key 'a' is used more than once").key()).isEqualTo("a");
        assertThat(DefinitionProblem.of("Transition 'agree' goes to unknown state 'x'"))
                .extracting(DefinitionProblem::element, DefinitionProblem::key).containsExactly("transition", "agree");
        assertThat(DefinitionProblem.of("Transition key 't1' is used more than once").element()).isEqualTo("transition");
        assertThat(DefinitionProblem.of("Choice field 'kind' has no options"))
                .extracting(DefinitionProblem::element, DefinitionProblem::key).containsExactly("field", "kind");
        assertThat(DefinitionProblem.of("Field 'days' has no type").element()).isEqualTo("field");
    }

    @Test
    void aProblemOfTheWholeWorkflowNamesNoElement() {
        assertThat(DefinitionProblem.of("The workflow has no END state; at least one is required"))
                .extracting(DefinitionProblem::element, DefinitionProblem::key).containsExactly("workflow", null);
        assertThat(DefinitionProblem.of("Event hook 1 is empty").element()).isEqualTo("workflow");
    }

    @Test
    void everyProblemTheValidatorFindsOnAStateOrTransitionIsPlacedOnIt() {
        String state = demo.states().get(1).key();
        String transition = demo.transitions().get(0).key();
        WorkflowDefinition broken = mapTransition(transition, t -> to(t, "nowhere"));
        broken = new WorkflowDefinition(broken.key(), broken.name(), broken.description(), broken.restrictView(),
                broken.admins(), broken.fields(), broken.states().stream()
                .map(s -> s.key().equals(state) ? participants(s, null) : s).toList(), broken.transitions());
        List<DefinitionProblem> problems = DefinitionValidator.validate(broken, dir).stream()
                .map(DefinitionProblem::of).toList();
        assertThat(problems).extracting(DefinitionProblem::element, DefinitionProblem::key)
                .contains(org.assertj.core.groups.Tuple.tuple("state", state),
                        org.assertj.core.groups.Tuple.tuple("transition", transition));
    }
}
