package dev.baton.api.workflow;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Copies of a definition's lists and maps that refuse a null entry by naming it, where {@link List#copyOf} would fail
 * without a word: a definition read from a request then answers 400 saying which list or map holds the null.
 */
final class Entries {
    private Entries() {
    }

    /** An unmodifiable copy; empty for null. */
    static <T> List<T> list(String field, List<T> values) {
        if (values == null) {
            return List.of();
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new IllegalArgumentException("Expected " + field + " without null entries, but the entry at index "
                        + i + " is null");
            }
        }
        return List.copyOf(values);
    }

    /** An unmodifiable copy; empty for null. */
    static <V> Map<String, V> map(String field, Map<String, V> values) {
        if (values == null) {
            return Map.of();
        }
        values.forEach((key, value) -> {
            if (value == null) {
                throw new IllegalArgumentException("Expected " + field + "." + Objects.toString(key)
                        + " to be set, but it is null");
            }
        });
        return Map.copyOf(values);
    }
}
