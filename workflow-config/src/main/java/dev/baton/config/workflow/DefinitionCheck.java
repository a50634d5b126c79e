package dev.baton.config.workflow;

import dev.baton.engine.validation.DefinitionProblem;

import java.util.List;

/** What publishing would say of a definition: valid, or each problem with the element it concerns. */
public record DefinitionCheck(boolean valid, List<DefinitionProblem> problems) {
    public static DefinitionCheck of(List<String> problems) {
        return new DefinitionCheck(problems.isEmpty(), problems.stream().map(DefinitionProblem::of).toList());
    }
}
