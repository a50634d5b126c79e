package dev.baton.engine.validation;

import dev.baton.api.workflow.StartPermission;
import dev.baton.api.workflow.ViewPermission;
import dev.baton.api.workflow.WorkflowDefinition;
import org.junit.jupiter.api.Test;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Start and view permissions. */
class PermissionChecksTest extends DefinitionVariants {
    @Test
    void aStartPermissionMustNameKnownUsersDepartmentsAndRolesAndASensibleRateLimit() {
        WorkflowDefinition limited = new WorkflowDefinition(demo.key(), demo.name(), demo.description(),
                demo.restrictView(), demo.admins(), demo.fields(), demo.states(), demo.transitions(),
                new StartPermission(List.of("alice", "nobody"), List.of("ops", "moon"), List.of("director", "king"),
                        new StartPermission.RateLimit(0, 24)));
        assertThat(problems(limited)).containsExactly(
                "The start permission's rate limit allows 0 tickets per 24 hours; it needs at least 1 ticket per 1 to "
                        + "8784 hours",
                "The start permission names unknown user 'nobody'",
                "The start permission names unknown department 'moon'",
                "The start permission names unknown role 'king'");
    }

    @Test
    void aViewPermissionMustNameKnownViewersAndFieldsOnAWorkflowThatRestrictsViewing() {
        ViewPermission auditors = new ViewPermission(List.of("ceo", "nobody"), List.of("moon"), List.of(),
                List.of("days", "salary"));
        WorkflowDefinition restricted = new WorkflowDefinition(demo.key(), demo.name(), demo.description(), true,
                demo.admins(), demo.fields(), demo.states(), demo.transitions(), null, auditors);
        assertThat(problems(restricted)).containsExactly("The view permission shows unknown field 'salary'",
                "The view permission names unknown user 'nobody'",
                "The view permission names unknown department 'moon'");
        WorkflowDefinition open = new WorkflowDefinition(demo.key(), demo.name(), demo.description(), false,
                demo.admins(), demo.fields(), demo.states(), demo.transitions(), null,
                new ViewPermission(List.of("ceo"), List.of(), List.of(), List.of("days")));
        assertThat(problems(open)).containsExactly(
                "The workflow has a view permission but does not restrict viewing; everyone may read it");
    }
}
