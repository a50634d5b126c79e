package dev.baton.engine.validation;

import dev.baton.api.workflow.WorkflowDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The workflow's key, name, admins and serial prefix. */
class WorkflowChecksTest extends DefinitionVariants {
    @Test
    void missingWorkflowKeyIsReported() {
        assertThat(problems(with(demo, null, demo.name(), demo.admins(), demo.fields(), demo.states(),
                demo.transitions()))).containsExactly("The workflow has no key");
    }

    @Test
    void malformedWorkflowKeyIsReported() {
        assertThat(problems(with(demo, "Leave Request", demo.name(), demo.admins(), demo.fields(), demo.states(),
                demo.transitions())))
                .containsExactly("Workflow key 'Leave Request' must match [a-z0-9][a-z0-9_-]{0,63}");
        assertThat(problems(with(demo, "x".repeat(65), demo.name(), demo.admins(), demo.fields(), demo.states(),
                demo.transitions()))).hasSize(1);
    }

    @Test
    void missingNameIsReported() {
        assertThat(problems(with(demo, demo.key(), " ", demo.admins(), demo.fields(), demo.states(),
                demo.transitions()))).containsExactly("The workflow has no name");
    }

    @Test
    void unknownAdminIsReported() {
        assertThat(problems(with(demo, demo.key(), demo.name(), List.of("admin", "root"), demo.fields(),
                demo.states(), demo.transitions())))
                .containsExactly("Admin 'root' is not a user in the directory");
    }

    @Test
    void aWellFormedSerialPrefixPasses() {
        assertThat(problems(withSerialPrefix("LEAVE"))).isEmpty();
        assertThat(problems(withSerialPrefix("HR2026"))).isEmpty();
    }

    @Test
    void malformedSerialPrefixIsReported() {
        assertThat(problems(withSerialPrefix("leave")))
                .containsExactly("Serial prefix 'leave' must match [A-Z][A-Z0-9]{0,15}");
        assertThat(problems(withSerialPrefix("2026"))).hasSize(1);
        assertThat(problems(withSerialPrefix("LEAVE-HR"))).hasSize(1);
        assertThat(problems(withSerialPrefix(""))).hasSize(1);
        assertThat(problems(withSerialPrefix("L".repeat(17)))).hasSize(1);
    }

    private WorkflowDefinition withSerialPrefix(String prefix) {
        return new WorkflowDefinition(demo.key(), demo.name(), demo.description(), demo.restrictView(), demo.admins(),
                demo.fields(), demo.states(), demo.transitions(), demo.startPermission(), demo.viewPermission(),
                demo.forbidDelegation(), demo.eventHooks(), demo.notifications(), prefix);
    }
}
