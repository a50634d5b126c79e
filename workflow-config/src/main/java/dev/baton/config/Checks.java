package dev.baton.config;

import dev.baton.api.error.BatonException;
import dev.baton.api.error.ErrorCode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Input checks shared by the config endpoints. A {@code Checks} collects every problem so a refusal can list them
 * all; the static helpers refuse at once with 400 {@code invalid-input}.
 */
public final class Checks {
    /** Workflow keys, department, role and app ids. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    /** Usernames (as sent in {@code X-Baton-User}). */
    public static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,128}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");
    public static final int MAX_NAME = 200;
    public static final int MAX_EMAIL = 254;
    public static final int MAX_LIST = 1000;

    private final List<String> problems = new ArrayList<>();

    public Checks id(String what, String value) {
        if (value == null || value.isBlank()) {
            problems.add("Expected " + what + " to be set, but it is missing");
        } else if (!ID.matcher(value).matches()) {
            problems.add("Expected " + what + " to match " + ID.pattern() + ", but got '" + clip(value) + "'");
        }
        return this;
    }

    public Checks username(String what, String value) {
        if (value == null || value.isBlank()) {
            problems.add("Expected " + what + " to be set, but it is missing");
        } else if (!USERNAME.matcher(value).matches()) {
            problems.add("Expected " + what + " to match " + USERNAME.pattern() + ", but got '" + clip(value) + "'");
        }
        return this;
    }

    public Checks name(String what, String value) {
        if (value == null || value.isBlank()) {
            problems.add("Expected " + what + " to be set, but it is missing");
        } else if (value.length() > MAX_NAME) {
            problems.add("Expected " + what + " of at most " + MAX_NAME + " characters, but it has " + value.length());
        }
        return this;
    }

    /** An optional e-mail address: null is fine, anything else must look like one. */
    public Checks email(String what, String value) {
        if (value != null && (value.length() > MAX_EMAIL || !EMAIL.matcher(value).matches())) {
            problems.add("Expected " + what + " to be an e-mail address, but got '" + clip(value) + "'");
        }
        return this;
    }

    /** A list of at most {@value #MAX_LIST} distinct, non-null entries. */
    public Checks distinct(String what, List<String> values) {
        if (values.size() > MAX_LIST) {
            problems.add("Expected at most " + MAX_LIST + " " + what + ", but got " + values.size());
            return this;
        }
        noNulls(what, values);
        Set<String> seen = new HashSet<>();
        for (String value : values) {
            if (value != null && !seen.add(value)) {
                problems.add("Expected distinct " + what + ", but '" + clip(value) + "' appears more than once");
            }
        }
        return this;
    }

    /** Each null entry of a list from a request body, by its index. */
    public Checks noNulls(String what, List<?> values) {
        if (values == null) {
            return this;
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                problems.add("Expected " + what + " without null entries, but the entry at index " + i + " is null");
            }
        }
        return this;
    }

    /** Each null value of a map from a request body, by its key. */
    public Checks noNullValues(String what, Map<String, ?> values) {
        if (values == null) {
            return this;
        }
        values.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey).sorted()
                .forEach(key -> problems.add("Expected " + what + "." + key + " to be set, but it is null"));
        return this;
    }

    public Checks check(boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
        return this;
    }

    public Checks add(String problem) {
        problems.add(problem);
        return this;
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** Refuses with 400 {@code invalid-input} listing every problem, if there is any. */
    public void orRefuse() {
        orRefuse(ErrorCode.INVALID_INPUT);
    }

    public void orRefuse(ErrorCode code) {
        if (!problems.isEmpty()) {
            String detail = problems.size() == 1 ? problems.get(0) : "The request has " + problems.size() + " problems";
            throw new BatonException(code, detail, problems);
        }
    }

    /** Checks one id at once. */
    public static String requireId(String what, String value) {
        new Checks().id(what, value).orRefuse();
        return value;
    }

    /** Checks one username at once. */
    public static String requireUsername(String what, String value) {
        new Checks().username(what, value).orRefuse();
        return value;
    }

    /**
     * An unmodifiable copy of a list from a request body that keeps null entries (where {@link List#copyOf} would
     * fail while the body is read), so the checks can name them; empty for null.
     */
    public static <T> List<T> copy(List<T> values) {
        return values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
    }

    /** Like {@link #copy(List)} for a map: keeps null values so the checks can name them; null stays null. */
    public static <V> Map<String, V> copyOrNull(Map<String, V> values) {
        return values == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static String clip(String value) {
        return value.length() > 80 ? value.substring(0, 80) + "…" : value;
    }
}
