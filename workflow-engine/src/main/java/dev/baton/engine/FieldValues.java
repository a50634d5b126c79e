package dev.baton.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.api.directory.DirectoryUser;
import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;
import dev.baton.api.workflow.FieldAccess;
import dev.baton.api.workflow.FieldDef;
import dev.baton.api.workflow.StateDef;
import dev.baton.api.workflow.WorkflowDefinition;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Checks field values against a workflow's field definitions and brings them to their canonical form:
 * <ul>
 *   <li>{@code TEXT}/{@code TEXTAREA}: {@code String} of at most {@value #TEXT_MAX}/{@value #TEXTAREA_MAX} chars;</li>
 *   <li>{@code INTEGER}: {@code Long} (integral numbers within range; strings are refused);</li>
 *   <li>{@code DECIMAL}: {@code BigDecimal} (any finite number; strings are refused);</li>
 *   <li>{@code BOOLEAN}: {@code Boolean};</li>
 *   <li>{@code DATE}: {@code String} {@code yyyy-MM-dd};</li>
 *   <li>{@code DATETIME}: {@code String} UTC instant as {@link Instant#toString()} (offsets are accepted);</li>
 *   <li>{@code SINGLE_CHOICE}: {@code String} among the options; {@code MULTI_CHOICE}: {@code List<String>} of
 *       distinct options;</li>
 *   <li>{@code USER}: {@code String} naming an active directory user; {@code MULTI_USER}: {@code List<String>} of
 *       distinct active users.</li>
 * </ul>
 * A {@code null} value means "clear the field" and stays {@code null}.
 */
public final class FieldValues {
    /** The longest {@code TEXT} value, in characters. */
    public static final int TEXT_MAX = 1_000;
    /** The longest {@code TEXTAREA} value, in characters. */
    public static final int TEXTAREA_MAX = 20_000;

    private static final ObjectMapper JSON = BatonJson.mapper();
    private static final int SHOWN_MAX = 80;
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private FieldValues() {
    }

    /**
     * The canonical form of {@code raw}, in its order. Throws {@link BatonException} listing every problem at once in
     * {@link BatonException#errors()}: with code {@code INVALID_FIELD_VALUE} if any value is wrong, otherwise
     * {@code UNKNOWN_FIELD} if only unknown keys were given.
     */
    public static Map<String, Object> validate(WorkflowDefinition def, Map<String, Object> raw, DirectoryView dir) {
        Map<String, Object> result = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        if (raw != null) {
            for (Map.Entry<String, Object> entry : raw.entrySet()) {
                String key = entry.getKey();
                FieldDef field = def.field(key).orElse(null);
                if (field == null) {
                    unknown.add("Unknown field '" + key + "': workflow '" + def.key() + "' has no such field");
                    continue;
                }
                if (entry.getValue() == null) {
                    result.put(key, null);
                    continue;
                }
                try {
                    result.put(key, canonical(field, entry.getValue(), dir));
                } catch (Invalid e) {
                    invalid.add(e.getMessage());
                }
            }
        }
        if (unknown.isEmpty() && invalid.isEmpty()) {
            return result;
        }
        List<String> errors = new ArrayList<>(invalid);
        errors.addAll(unknown);
        ErrorCode code = invalid.isEmpty() ? ErrorCode.UNKNOWN_FIELD : ErrorCode.INVALID_FIELD_VALUE;
        String detail = errors.size() == 1
                ? errors.get(0)
                : errors.size() + " field problems: " + String.join("; ", errors);
        throw new BatonException(code, detail, errors);
    }

    /** The values that are set (a null value clears a field; where nothing is cleared, it is left out). */
    public static Map<String, Object> withoutNulls(Map<String, Object> values) {
        Map<String, Object> kept = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                kept.put(k, v);
            }
        });
        return kept;
    }

    /**
     * The keys the state marks {@code REQUIRED} whose value in {@code current} is missing, {@code null}, a blank
     * string or an empty collection, sorted.
     */
    public static List<String> missingRequired(StateDef state, Map<String, Object> current) {
        Map<String, Object> values = current == null ? Map.of() : current;
        return state.fields().entrySet().stream()
                .filter(e -> e.getValue() == FieldAccess.REQUIRED)
                .map(Map.Entry::getKey)
                .filter(key -> isEmpty(values.get(key)))
                .sorted()
                .toList();
    }

    private static boolean isEmpty(Object value) {
        return value == null
                || value instanceof String s && s.isBlank()
                || value instanceof Collection<?> c && c.isEmpty();
    }

    private static Object canonical(FieldDef field, Object value, DirectoryView dir) {
        if (field.type() == null) {
            throw new Invalid("Field '" + field.key() + "' has no type");
        }
        return switch (field.type()) {
            case TEXT -> text(field, value, TEXT_MAX);
            case TEXTAREA -> text(field, value, TEXTAREA_MAX);
            case INTEGER -> integer(field, value);
            case DECIMAL -> decimal(field, value);
            case BOOLEAN -> {
                if (value instanceof Boolean b) {
                    yield b;
                }
                throw expected(field, "a boolean", value);
            }
            case DATE -> date(field, value);
            case DATETIME -> dateTime(field, value);
            case SINGLE_CHOICE -> {
                if (value instanceof String s && field.options().contains(s)) {
                    yield s;
                }
                throw expected(field, "one of " + field.options(), value);
            }
            case MULTI_CHOICE -> distinctStrings(field, value, "a list of distinct options from " + field.options(),
                    s -> field.options().contains(s));
            case USER -> {
                if (value instanceof String s && isActiveUser(s, dir)) {
                    yield s;
                }
                throw expected(field, "an active user's username", value);
            }
            case MULTI_USER -> distinctStrings(field, value, "a list of distinct active users' usernames",
                    s -> isActiveUser(s, dir));
        };
    }

    private static String text(FieldDef field, Object value, int max) {
        if (!(value instanceof String s)) {
            throw expected(field, "a string", value);
        }
        if (s.length() > max) {
            throw new Invalid("Expected field '" + field.key() + "' to be at most " + max
                    + " characters long, but got " + s.length() + " characters");
        }
        return s;
    }

    private static Long integer(FieldDef field, Object value) {
        BigDecimal number = asBigDecimal(value);
        if (number != null) {
            try {
                if (number.compareTo(LONG_MIN) >= 0 && number.compareTo(LONG_MAX) <= 0) {
                    return number.toBigIntegerExact().longValueExact();
                }
            } catch (ArithmeticException notIntegral) {
                // falls through to the refusal
            }
        }
        throw expected(field, "an integer", value);
    }

    private static BigDecimal decimal(FieldDef field, Object value) {
        BigDecimal number = asBigDecimal(value);
        if (number == null) {
            throw expected(field, "a number", value);
        }
        return number;
    }

    /** The exact value of a finite number, or null when it is not one. */
    private static BigDecimal asBigDecimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        } else if (value instanceof BigInteger i) {
            return new BigDecimal(i);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? new BigDecimal(Double.toString(d)) : null;
        }
        return null;
    }

    private static String date(FieldDef field, Object value) {
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        if (value instanceof String s && s.length() == 10) {
            try {
                return LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE).toString();
            } catch (DateTimeParseException e) {
                // falls through to the refusal
            }
        }
        throw expected(field, "a date (yyyy-MM-dd)", value);
    }

    private static String dateTime(FieldDef field, Object value) {
        if (value instanceof Instant i) {
            return i.toString();
        } else if (value instanceof OffsetDateTime o) {
            return o.toInstant().toString();
        } else if (value instanceof ZonedDateTime z) {
            return z.toInstant().toString();
        } else if (value instanceof String s) {
            try {
                return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toString();
            } catch (DateTimeParseException e) {
                // falls through to the refusal
            }
        }
        throw expected(field, "an ISO-8601 date-time with offset (e.g. 2026-11-22T09:00:00Z)", value);
    }

    private static List<String> distinctStrings(FieldDef field, Object value, String expectation,
                                                Predicate<String> allowed) {
        if (value instanceof Collection<?> items) {
            Set<String> seen = new LinkedHashSet<>();
            boolean ok = true;
            for (Object item : items) {
                if (!(item instanceof String s) || !allowed.test(s) || !seen.add(s)) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                return List.copyOf(seen);
            }
        }
        throw expected(field, expectation, value);
    }

    private static boolean isActiveUser(String username, DirectoryView dir) {
        return dir.user(username).map(DirectoryUser::active).orElse(false);
    }

    private static Invalid expected(FieldDef field, String expectation, Object value) {
        return new Invalid("Expected field '" + field.key() + "' to be " + expectation + ", but got " + show(value));
    }

    /** The value as JSON, shortened when long. */
    private static String show(Object value) {
        String shown;
        try {
            shown = JSON.writeValueAsString(value);
        } catch (JsonProcessingException | RuntimeException e) {
            shown = String.valueOf(value);
        }
        return shown.length() <= SHOWN_MAX ? shown : shown.substring(0, SHOWN_MAX) + "…";
    }

    /** One value problem; collected, never escapes. */
    private static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }
}
