package dev.baton.engine;

import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.workflow.FieldAccess;
import dev.baton.api.workflow.FieldDef;
import dev.baton.api.workflow.FieldType;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.StateType;
import dev.baton.api.workflow.WorkflowDefinition;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class FieldValuesTest {
    private static final WorkflowDefinition DEF = new WorkflowDefinition("all-types", "All types", null, false,
            List.of(), List.of(
            field("text", FieldType.TEXT),
            field("area", FieldType.TEXTAREA),
            field("count", FieldType.INTEGER),
            field("amount", FieldType.DECIMAL),
            field("flag", FieldType.BOOLEAN),
            field("day", FieldType.DATE),
            field("at", FieldType.DATETIME),
            new FieldDef("color", "color", FieldType.SINGLE_CHOICE, List.of("red", "green", "blue")),
            new FieldDef("sizes", "sizes", FieldType.MULTI_CHOICE, List.of("s", "m", "l")),
            field("owner", FieldType.USER),
            field("team", FieldType.MULTI_USER)), List.of(), List.of());

    private final InMemoryDirectory dir = InMemoryDirectory.of(Demo.directory());

    private static FieldDef field(String key, FieldType type) {
        return new FieldDef(key, key, type, List.of());
    }

    private Object valid(String key, Object value) {
        Map<String, Object> raw = new HashMap<>();
        raw.put(key, value);
        return FieldValues.validate(DEF, raw, dir).get(key);
    }

    private BatonException invalid(String key, Object value) {
        Map<String, Object> raw = new HashMap<>();
        raw.put(key, value);
        try {
            FieldValues.validate(DEF, raw, dir);
        } catch (BatonException e) {
            return e;
        }
        throw new AssertionError("Expected " + key + "=" + value + " to be refused");
    }

    private void assertRefused(String key, Object value, String message) {
        BatonException e = invalid(key, value);
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD_VALUE);
        assertThat(e.errors()).containsExactly(message);
        assertThat(e.getMessage()).isEqualTo(message);
    }

    @Test
    void textAcceptsStringsUpToOneThousandCharacters() {
        assertThat(valid("text", "hello")).isEqualTo("hello");
        assertThat(valid("text", "x".repeat(1000))).isEqualTo("x".repeat(1000));
    }

    @Test
    void textRejectsNonStringsAndLongStrings() {
        assertRefused("text", 5L, "Expected field 'text' to be a string, but got 5");
        assertRefused("text", "x".repeat(1001),
                "Expected field 'text' to be at most 1000 characters long, but got 1001 characters");
    }

    @Test
    void textareaAcceptsUpToTwentyThousandCharacters() {
        assertThat(valid("area", "x".repeat(20_000))).isEqualTo("x".repeat(20_000));
        assertRefused("area", "x".repeat(20_001),
                "Expected field 'area' to be at most 20000 characters long, but got 20001 characters");
        assertRefused("area", List.of("a"), "Expected field 'area' to be a string, but got [\"a\"]");
    }

    @Test
    void integerAcceptsIntegralNumbersAsLong() {
        assertThat(valid("count", 3)).isEqualTo(3L);
        assertThat(valid("count", 3L)).isEqualTo(3L);
        assertThat(valid("count", BigInteger.valueOf(7))).isEqualTo(7L);
        assertThat(valid("count", new BigDecimal("4.00"))).isEqualTo(4L);
        assertThat(valid("count", 5.0d)).isEqualTo(5L);
        assertThat(valid("count", Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void integerRejectsStringsFractionsAndOutOfRangeNumbers() {
        assertRefused("count", "three", "Expected field 'count' to be an integer, but got \"three\"");
        assertRefused("count", "3", "Expected field 'count' to be an integer, but got \"3\"");
        assertRefused("count", new BigDecimal("3.5"), "Expected field 'count' to be an integer, but got 3.5");
        assertRefused("count", 2.5d, "Expected field 'count' to be an integer, but got 2.5");
        assertRefused("count", BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE),
                "Expected field 'count' to be an integer, but got 9223372036854775808");
        assertRefused("count", true, "Expected field 'count' to be an integer, but got true");
    }

    @Test
    void decimalAcceptsAnyNumberAsBigDecimal() {
        assertThat(valid("amount", new BigDecimal("100.50"))).isEqualTo(new BigDecimal("100.50"));
        assertThat(valid("amount", 7L)).isEqualTo(new BigDecimal("7"));
        assertThat(valid("amount", 7)).isEqualTo(new BigDecimal("7"));
        assertThat(valid("amount", 1.25d)).isEqualTo(new BigDecimal("1.25"));
        assertThat(valid("amount", BigInteger.TEN)).isEqualTo(BigDecimal.TEN);
    }

    @Test
    void decimalRejectsStringsAndNonFiniteNumbers() {
        assertRefused("amount", "1.5", "Expected field 'amount' to be a number, but got \"1.5\"");
        assertRefused("amount", Double.NaN, "Expected field 'amount' to be a number, but got \"NaN\"");
    }

    @Test
    void booleanAcceptsOnlyBooleans() {
        assertThat(valid("flag", true)).isEqualTo(true);
        assertThat(valid("flag", false)).isEqualTo(false);
        assertRefused("flag", "true", "Expected field 'flag' to be a boolean, but got \"true\"");
        assertRefused("flag", 1L, "Expected field 'flag' to be a boolean, but got 1");
    }

    @Test
    void dateAcceptsIsoDates() {
        assertThat(valid("day", "2026-11-22")).isEqualTo("2026-11-22");
        assertThat(valid("day", java.time.LocalDate.of(2026, 2, 1))).isEqualTo("2026-02-01");
    }

    @Test
    void dateRejectsOtherShapesAndImpossibleDates() {
        assertRefused("day", "22.11.2026", "Expected field 'day' to be a date (yyyy-MM-dd), but got \"22.11.2026\"");
        assertRefused("day", "2026-02-30", "Expected field 'day' to be a date (yyyy-MM-dd), but got \"2026-02-30\"");
        assertRefused("day", "2026-11-22T00:00:00Z",
                "Expected field 'day' to be a date (yyyy-MM-dd), but got \"2026-11-22T00:00:00Z\"");
        assertRefused("day", 20261122L, "Expected field 'day' to be a date (yyyy-MM-dd), but got 20261122");
    }

    @Test
    void dateTimeNormalisesToUtcInstant() {
        assertThat(valid("at", "2026-11-22T09:00:00Z")).isEqualTo("2026-11-22T09:00:00Z");
        assertThat(valid("at", "2026-11-22T10:30:00+01:00")).isEqualTo("2026-11-22T09:30:00Z");
        assertThat(valid("at", "2026-11-22T09:00:00.500Z")).isEqualTo("2026-11-22T09:00:00.500Z");
        assertThat(valid("at", java.time.Instant.parse("2026-11-22T09:00:00Z"))).isEqualTo("2026-11-22T09:00:00Z");
    }

    @Test
    void dateTimeRejectsValuesWithoutOffset() {
        String expected = "Expected field 'at' to be an ISO-8601 date-time with offset (e.g. 2026-11-22T09:00:00Z), "
                + "but got ";
        assertRefused("at", "2026-11-22T09:00:00", expected + "\"2026-11-22T09:00:00\"");
        assertRefused("at", "2026-11-22", expected + "\"2026-11-22\"");
        assertRefused("at", 1L, expected + "1");
    }

    @Test
    void singleChoiceAcceptsOneOption() {
        assertThat(valid("color", "red")).isEqualTo("red");
        assertRefused("color", "pink", "Expected field 'color' to be one of [red, green, blue], but got \"pink\"");
        assertRefused("color", List.of("red"), "Expected field 'color' to be one of [red, green, blue], but got [\"red\"]");
    }

    @Test
    void multiChoiceAcceptsDistinctOptions() {
        assertThat(valid("sizes", List.of("m", "s"))).isEqualTo(List.of("m", "s"));
        assertThat(valid("sizes", List.of())).isEqualTo(List.of());
        String expected = "Expected field 'sizes' to be a list of distinct options from [s, m, l], but got ";
        assertRefused("sizes", List.of("s", "s"), expected + "[\"s\",\"s\"]");
        assertRefused("sizes", List.of("xl"), expected + "[\"xl\"]");
        assertRefused("sizes", "s", expected + "\"s\"");
    }

    @Test
    void userAcceptsAnActiveDirectoryUser() {
        assertThat(valid("owner", "alice")).isEqualTo("alice");
        String expected = "Expected field 'owner' to be an active user's username, but got ";
        assertRefused("owner", "ghost", expected + "\"ghost\"");
        assertRefused("owner", "nobody", expected + "\"nobody\"");
        assertRefused("owner", 1L, expected + "1");
    }

    @Test
    void multiUserAcceptsDistinctActiveUsers() {
        assertThat(valid("team", List.of("bob", "alice"))).isEqualTo(List.of("bob", "alice"));
        String expected = "Expected field 'team' to be a list of distinct active users' usernames, but got ";
        assertRefused("team", List.of("bob", "bob"), expected + "[\"bob\",\"bob\"]");
        assertRefused("team", List.of("bob", "ghost"), expected + "[\"bob\",\"ghost\"]");
    }

    @Test
    void nullClearsTheFieldAndIsKept() {
        Map<String, Object> raw = new HashMap<>();
        raw.put("count", null);
        raw.put("owner", null);

        assertThat(FieldValues.validate(DEF, raw, dir)).containsOnly(entry("count", null), entry("owner", null));
    }

    @Test
    void resultKeepsTheInputOrderInANewMap() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("text", "a");
        raw.put("count", 1);
        raw.put("amount", 2);

        Map<String, Object> result = FieldValues.validate(DEF, raw, dir);

        assertThat(result).isInstanceOf(LinkedHashMap.class).isNotSameAs(raw);
        assertThat(result.keySet()).containsExactly("text", "count", "amount");
        assertThat(result).containsEntry("count", 1L).containsEntry("amount", new BigDecimal("2"));
    }

    @Test
    void unknownKeysAloneAreReportedAsUnknownField() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("nope", 1);
        raw.put("text", "ok");

        assertThatThrownBy(() -> FieldValues.validate(DEF, raw, dir))
                .isInstanceOfSatisfying(BatonException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_FIELD);
                    assertThat(e.errors()).containsExactly(
                            "Unknown field 'nope': workflow 'all-types' has no such field");
                });
    }

    @Test
    void everyProblemIsListedAtOnce() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("count", "three");
        raw.put("nope", 1);
        raw.put("flag", "yes");
        raw.put("color", "pink");
        raw.put("text", "fine");

        assertThatThrownBy(() -> FieldValues.validate(DEF, raw, dir))
                .isInstanceOfSatisfying(BatonException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD_VALUE);
                    assertThat(e.errors()).containsExactly(
                            "Expected field 'count' to be an integer, but got \"three\"",
                            "Expected field 'flag' to be a boolean, but got \"yes\"",
                            "Expected field 'color' to be one of [red, green, blue], but got \"pink\"",
                            "Unknown field 'nope': workflow 'all-types' has no such field");
                    assertThat(e.getMessage()).startsWith("4 field problems: Expected field 'count'");
                });
    }

    @Test
    void longValuesAreShortenedInMessages() {
        BatonException e = invalid("count", "y".repeat(500));

        assertThat(e.errors().get(0)).hasSizeLessThan(200).endsWith("…");
    }

    @Test
    void missingRequiredListsRequiredKeysWithoutValue() {
        StateDef state = new StateDef("s", "S", StateType.START, 1, false, Map.of(
                "a", FieldAccess.REQUIRED, "b", FieldAccess.REQUIRED, "c", FieldAccess.REQUIRED,
                "d", FieldAccess.REQUIRED, "e", FieldAccess.OPTIONAL, "f", FieldAccess.REQUIRED), null, null);
        Map<String, Object> current = new HashMap<>();
        current.put("a", "  ");
        current.put("b", List.of());
        current.put("c", null);
        current.put("f", 0L);

        assertThat(FieldValues.missingRequired(state, current)).containsExactly("a", "b", "c", "d");
        assertThat(FieldValues.missingRequired(state, Map.of("a", "x", "b", List.of("y"), "c", false, "d", 1L,
                "f", "z"))).isEmpty();
    }
}
