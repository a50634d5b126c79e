package dev.baton.engine.validation;

import dev.baton.api.workflow.FieldAccess;
import dev.baton.api.workflow.FieldDef;
import dev.baton.api.workflow.FieldType;
import dev.baton.api.workflow.StateDef;
import org.junit.jupiter.api.Test;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Custom fields, and the fields a state names. */
class FieldChecksTest extends DefinitionVariants {
    @Test
    void duplicateFieldKeyIsReported() {
        assertThat(problems(withFields(plus(demo.fields(), new FieldDef("days", "Again", FieldType.TEXT, null)))))
                .containsExactly("Field key 'days' is used more than once");
    }

    @Test
    void malformedFieldKeyIsReported() {
        assertThat(problems(withFields(plus(demo.fields(), new FieldDef("Bad Key", "x", FieldType.TEXT, null)))))
                .containsExactly("Field key 'Bad Key' must match [a-z0-9][a-z0-9_-]{0,63}");
    }

    @Test
    void choiceFieldWithoutOptionsIsReported() {
        assertThat(problems(withFields(plus(demo.fields(),
                new FieldDef("kind", "Kind", FieldType.SINGLE_CHOICE, List.of())))))
                .containsExactly("Choice field 'kind' has no options");
    }

    @Test
    void choiceFieldWithDuplicateOptionsIsReported() {
        assertThat(problems(withFields(plus(demo.fields(),
                new FieldDef("kind", "Kind", FieldType.MULTI_CHOICE, List.of("a", "b", "a"))))))
                .containsExactly("Choice field 'kind' lists option 'a' more than once");
    }

    @Test
    void nonChoiceFieldWithOptionsIsReported() {
        assertThat(problems(withFields(plus(demo.fields(),
                new FieldDef("count", "Count", FieldType.INTEGER, List.of("1"))))))
                .containsExactly("Field 'count' of type INTEGER must not have options; only choice fields do");
    }

    @Test
    void fieldWithoutTypeIsReported() {
        assertThat(problems(withFields(plus(demo.fields(), new FieldDef("x", "X", null, null)))))
                .containsExactly("Field 'x' has no type");
    }

    @Test
    void stateNamingUnknownFieldIsReported() {
        assertThat(problems(mapState("draft", s -> new StateDef(s.key(), s.name(), s.type(), s.order(), s.hidden(),
                Map.of("days", FieldAccess.REQUIRED, "mood", FieldAccess.OPTIONAL), s.participants(),
                s.distribution()))))
                .containsExactly("State 'draft' names unknown field 'mood'");
    }
}
