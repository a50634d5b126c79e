package dev.baton.engine.validation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One problem of a definition with the element it concerns, for a designer to show the problem on that element:
 * {@code element} is {@code state}, {@code transition}, {@code field} or {@code workflow} (the definition as a whole,
 * its permissions, event hooks and notification templates), and {@code key} the element's key (absent for the
 * workflow). Every checker names the element first in its sentence ("State 'x' ...", "Transition key 'y' ...",
 * "Choice field 'z' ..."), so the sentence is the single source and the location is read off its start.
 */
public record DefinitionProblem(String message, String element, String key) {
    private static final Pattern SUBJECT = Pattern.compile("^(State|Transition|Field|Choice field)(?: key)? '([^']*)'");

    public static DefinitionProblem of(String sentence) {
        Matcher subject = SUBJECT.matcher(sentence);
        if (!subject.find()) {
            return new DefinitionProblem(sentence, "workflow", null);
        }
        String element = switch (subject.group(1)) {
            case "State" -> "state";
            case "Transition" -> "transition";
            default -> "field";
        };
        return new DefinitionProblem(sentence, element, subject.group(2));
    }
}
