package dev.baton.bench;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} / {@code --name=value} / {@code --flag} command-line options. */
final class Options {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> used = new LinkedHashSet<>();
    final String mode;

    Options(String[] args) {
        String first = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                if (first == null && values.isEmpty()) {
                    first = a;
                    continue;
                }
                throw new IllegalArgumentException("Unexpected argument '" + a + "'");
            }
            String name = a.substring(2);
            int eq = name.indexOf('=');
            if (eq >= 0) {
                values.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                values.put(name, args[++i]);
            } else {
                values.put(name, "true");
            }
        }
        mode = first == null ? "flow" : first;
    }

    String string(String name, String fallback) {
        used.add(name);
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        return Integer.parseInt(string(name, Integer.toString(fallback)));
    }

    double decimal(String name, double fallback) {
        return Double.parseDouble(string(name, Double.toString(fallback)));
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(string(name, "false"));
    }

    List<String> list(String name, String fallback) {
        String v = string(name, fallback);
        return v == null || v.isBlank() ? List.of() : List.of(v.split("\\s*,\\s*"));
    }

    /** Fails on options no mode asked for (typos). Call after reading every option. */
    void rejectUnknown() {
        for (String name : values.keySet()) {
            if (!used.contains(name)) {
                throw new IllegalArgumentException("Unknown option --" + name + " for mode " + mode);
            }
        }
    }
}
