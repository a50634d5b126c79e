package dev.baton.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConditionsTest {

    @Test
    void comparesIntegerFieldsWithNumbers() {
        assertThat(Conditions.evaluate("days > 3", Map.of("days", 4L))).isTrue();
        assertThat(Conditions.evaluate("days > 3", Map.of("days", 3L))).isFalse();
        assertThat(Conditions.evaluate("days >= 3", Map.of("days", 3L))).isTrue();
        assertThat(Conditions.evaluate("days < 3", Map.of("days", 2L))).isTrue();
        assertThat(Conditions.evaluate("days <= 3", Map.of("days", 4L))).isFalse();
        assertThat(Conditions.evaluate("days == 3", Map.of("days", 3L))).isTrue();
        assertThat(Conditions.evaluate("days != 3", Map.of("days", 3L))).isFalse();
    }

    @Test
    void comparesDecimalFieldsWithIntegerAndRealLiterals() {
        assertThat(Conditions.evaluate("amount > 100.5", Map.of("amount", new BigDecimal("100.51")))).isTrue();
        assertThat(Conditions.evaluate("amount > 100.5", Map.of("amount", new BigDecimal("100.50")))).isFalse();
        assertThat(Conditions.evaluate("amount > 100", Map.of("amount", new BigDecimal("100.01")))).isTrue();
    }

    @Test
    void comparesStrings() {
        assertThat(Conditions.evaluate("reason == 'x'", Map.of("reason", "x"))).isTrue();
        assertThat(Conditions.evaluate("reason == 'x'", Map.of("reason", "y"))).isFalse();
    }

    @Test
    void combinesWithAndOrAndNot() {
        Map<String, Object> values = Map.of("reason", "x", "days", 2L, "type", "vacation", "amount",
                new BigDecimal("101"));
        assertThat(Conditions.evaluate("reason == 'x' and days >= 2", values)).isTrue();
        assertThat(Conditions.evaluate("reason == 'x' and days >= 3", values)).isFalse();
        assertThat(Conditions.evaluate("type == 'sick' or amount > 100.5", values)).isTrue();
        assertThat(Conditions.evaluate("type == 'sick' or amount > 200", values)).isFalse();
        assertThat(Conditions.evaluate("!(days > 5)", values)).isTrue();
        assertThat(Conditions.evaluate("(days > 5 || type == 'vacation') && reason != 'y'", values)).isTrue();
    }

    @Test
    void readsBooleanFieldsDirectly() {
        assertThat(Conditions.evaluate("flag", Map.of("flag", true))).isTrue();
        assertThat(Conditions.evaluate("flag", Map.of("flag", false))).isFalse();
        assertThat(Conditions.evaluate("!flag", Map.of("flag", false))).isTrue();
        assertThat(Conditions.evaluate("!flag", Map.of("flag", true))).isFalse();
    }

    @Test
    void missingFieldsMakeTheConditionFalse() {
        assertThat(Conditions.evaluate("days > 3", Map.of())).isFalse();
        assertThat(Conditions.evaluate("flag", Map.of())).isFalse();
        assertThat(Conditions.evaluate("reason == 'x'", Map.of())).isFalse();
    }

    @Test
    void missingFieldsReadAsNull() {
        assertThat(Conditions.evaluate("reason == null", Map.of())).isTrue();
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("reason", null);
        assertThat(Conditions.evaluate("reason == null", withNull)).isTrue();
    }

    @Test
    void nonBooleanResultsAreFalse() {
        assertThat(Conditions.evaluate("days", Map.of("days", 5L))).isFalse();
        assertThat(Conditions.evaluate("reason", Map.of("reason", "true"))).isFalse();
        assertThat(Conditions.evaluate("null", Map.of())).isFalse();
    }

    @Test
    void evaluationErrorsAreFalseNeverThrown() {
        assertThat(Conditions.evaluate("days / 0 > 1", Map.of("days", 5L))).isFalse();
        assertThat(Conditions.evaluate("reason > 3", Map.of("reason", "text"))).isFalse();
        assertThat(Conditions.evaluate("days.nested", Map.of("days", 5L))).isFalse();
        assertThat(Conditions.evaluate("T(java.lang.Runtime).getRuntime() == null", Map.of())).isFalse();
        assertThat(Conditions.evaluate("days >", Map.of("days", 5L))).isFalse();
        assertThat(Conditions.evaluate(null, Map.of())).isFalse();
        assertThat(Conditions.evaluate("days > 3", null)).isFalse();
    }

    @Test
    void readsListsAndIndexes() {
        assertThat(Conditions.evaluate("tags[0] == 'a'", Map.of("tags", List.of("a", "b")))).isTrue();
        assertThat(Conditions.evaluate("tags == {'a','b'}", Map.of("tags", List.of("a", "b")))).isTrue();
    }

    @Test
    void checkAcceptsSafeExpressions() {
        assertThatCode(() -> Conditions.check("days > 3")).doesNotThrowAnyException();
        assertThatCode(() -> Conditions.check("reason == 'x' and days >= 2")).doesNotThrowAnyException();
        assertThatCode(() -> Conditions.check("type == 'sick' or amount > 100.5")).doesNotThrowAnyException();
        assertThatCode(() -> Conditions.check("!flag")).doesNotThrowAnyException();
        assertThatCode(() -> Conditions.check("days > 3 ? true : false")).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "T(java.lang.Runtime).getRuntime()",
            "new java.io.File('x')",
            "'a'.concat('b')",
            "@bean",
            "#var",
            "{1,2}.![#this]",
            "{1,2}.?[true]",
            "days = 3",
            "days++ > 1",
            "'aaa' matches 'a+'",
            "days ^ 999999999 > 1",
            "#root",
            "#f(1)"
    })
    void checkRejectsForbiddenConstructs(String expression) {
        assertThatThrownBy(() -> Conditions.check(expression))
                .isInstanceOf(ConditionException.class)
                .hasMessageContaining("which conditions may not use");
    }

    @Test
    void checkRejectsExpressionsThatDoNotParse() {
        assertThatThrownBy(() -> Conditions.check("days >"))
                .isInstanceOf(ConditionException.class)
                .hasMessageContaining("does not parse");
        assertThatThrownBy(() -> Conditions.check("  "))
                .isInstanceOf(ConditionException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void checkRejectsExpressionsLongerThanTheLimit() {
        String tooLong = "days > 1" + " and days > 1".repeat(100);
        assertThat(tooLong.length()).isGreaterThan(Conditions.MAX_LENGTH);

        assertThatThrownBy(() -> Conditions.check(tooLong))
                .isInstanceOf(ConditionException.class)
                .hasMessageContaining("at most 1000");
        assertThatCode(() -> Conditions.check(tooLong.substring(0, 996))).doesNotThrowAnyException();
    }

    @Test
    void referencedFieldsListsTopLevelFieldNames() {
        assertThat(Conditions.referencedFields("reason == 'x' and days >= 2 or days < 0"))
                .containsExactly("reason", "days");
        assertThat(Conditions.referencedFields("tags[0] == 'a' and meta.deep")).containsExactly("tags", "meta");
        assertThat(Conditions.referencedFields("1 > 0")).isEmpty();
    }

    @Test
    void referencedFieldsRejectsForbiddenConstructs() {
        assertThatThrownBy(() -> Conditions.referencedFields("'a'.concat(b)"))
                .isInstanceOf(ConditionException.class);
    }
}
