package dev.baton.engine.validation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/** The shapes every checker holds names and addresses to. */
public final class Keys {
    /** The shape of workflow, state, transition and field keys, and of secret names. */
    public static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private Keys() {
    }

    /** A key of {@code what} ("State", "Field", ...) is present and well formed. */
    static void check(Draft draft, String what, String key) {
        if (isBlank(key)) {
            draft.problem("A " + what.toLowerCase() + " has no key");
        } else if (!KEY.matcher(key).matches()) {
            draft.problem(what + " key '" + key + "' must match " + KEY.pattern());
        }
    }

    static boolean isKey(String value) {
        return value != null && KEY.matcher(value).matches();
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException | NullPointerException e) {
            return false;
        }
    }
}
