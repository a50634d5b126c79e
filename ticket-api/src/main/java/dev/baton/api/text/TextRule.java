package dev.baton.api.text;

/**
 * The one rule for what text Baton accepts from a client, wherever it comes from (a JSON string or key, a query
 * parameter, a path segment, a header it stores). Every service stores text in PostgreSQL and sends it to people,
 * so text may hold any Unicode character except:
 * <ul>
 *   <li>U+0000, which PostgreSQL cannot store in {@code text} or {@code jsonb};</li>
 *   <li>the other C0 controls and DEL (U+0001 to U+001F, U+007F), except tab, line feed and carriage return in
 *       free text;</li>
 *   <li>the C1 controls (U+0080 to U+009F);</li>
 *   <li>a lone surrogate (half of a UTF-16 pair), which no UTF-8 store can hold.</li>
 * </ul>
 * An identifier (a path segment, a query parameter, a key) may not hold tab, line feed or carriage return either.
 */
public final class TextRule {
    private TextRule() {
    }

    /** The index of the first character free text may not hold, or -1 when all are allowed. */
    public static int firstRefusedInText(CharSequence text) {
        return firstRefused(text, true);
    }

    /** The index of the first character an identifier or parameter may not hold, or -1 when all are allowed. */
    public static int firstRefusedInIdentifier(CharSequence text) {
        return firstRefused(text, false);
    }

    /** How a refused character is named in an error: {@code U+0000}. */
    public static String describe(CharSequence text, int index) {
        return String.format("U+%04X at position %d", (int) text.charAt(index), index);
    }

    private static int firstRefused(CharSequence text, boolean freeText) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                if (!freeText || (c != '\t' && c != '\n' && c != '\r')) {
                    return i;
                }
            } else if (c >= 0x7F && c <= 0x9F) {
                return i;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 >= length || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return i;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
