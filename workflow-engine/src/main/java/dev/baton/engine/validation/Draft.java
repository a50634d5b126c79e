package dev.baton.engine.validation;

import dev.baton.api.workflow.FieldDef;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.TransitionDef;
import dev.baton.api.workflow.WorkflowDefinition;
import dev.baton.engine.DirectoryView;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A workflow definition under check, as every checker sees it: the definition, the directory its names are looked up
 * in ({@code null}: those checks are skipped), the fields and states it declares by key (the first declaration of a
 * repeated key), and the problems found so far, in the order they were found.
 */
public final class Draft {
    private final WorkflowDefinition definition;
    private final DirectoryView directory;
    private final List<String> problems = new ArrayList<>();
    final Map<String, FieldDef> fields = new LinkedHashMap<>();
    final Map<String, StateDef> states = new LinkedHashMap<>();

    public Draft(WorkflowDefinition definition, DirectoryView directory) {
        this.definition = definition;
        this.directory = directory;
    }

    public WorkflowDefinition definition() {
        return definition;
    }

    /** The directory, or {@code null} when names are not to be looked up. */
    public DirectoryView directory() {
        return directory;
    }

    public List<String> problems() {
        return problems;
    }

    void problem(String sentence) {
        problems.add(sentence);
    }

    FieldDef field(String key) {
        return key == null ? null : fields.get(key);
    }

    boolean knowsField(String key) {
        return fields.containsKey(key);
    }

    /** The keys of the transitions leaving {@code stateKey} (transitions without a source are reported elsewhere). */
    List<String> leaving(String stateKey) {
        return definition.transitions().stream().filter(t -> t.from() != null && t.from().equals(stateKey))
                .map(TransitionDef::key).toList();
    }
}
