package dev.baton.engine;

import org.springframework.context.expression.MapAccessor;
import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.ast.Assign;
import org.springframework.expression.spel.ast.BeanReference;
import org.springframework.expression.spel.ast.CompoundExpression;
import org.springframework.expression.spel.ast.ConstructorReference;
import org.springframework.expression.spel.ast.FunctionReference;
import org.springframework.expression.spel.ast.MethodReference;
import org.springframework.expression.spel.ast.OpDec;
import org.springframework.expression.spel.ast.OpInc;
import org.springframework.expression.spel.ast.OperatorMatches;
import org.springframework.expression.spel.ast.OperatorPower;
import org.springframework.expression.spel.ast.Projection;
import org.springframework.expression.spel.ast.PropertyOrFieldReference;
import org.springframework.expression.spel.ast.QualifiedIdentifier;
import org.springframework.expression.spel.ast.Selection;
import org.springframework.expression.spel.ast.TypeReference;
import org.springframework.expression.spel.ast.VariableReference;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.SimpleEvaluationContext;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A small, safe expression language over a ticket's field values, used by conditional routes: Spring SpEL with the
 * field map as root object, e.g. {@code days > 3}, {@code reason == 'x' and days >= 2}, {@code flag}, {@code !flag}.
 * <p>
 * Only literals, field names, indexing, inline lists/maps, comparison, arithmetic, logical and ternary/elvis
 * operators are allowed. Rejected: type references ({@code T(..)}), constructors ({@code new}), bean references
 * ({@code @x}), method and function calls, variables ({@code #x}, {@code #this}), assignment and {@code ++/--},
 * projection and selection, and — to keep evaluation cheap — {@code matches} and {@code ^}. Evaluation runs in a
 * read-only {@link SimpleEvaluationContext} whose only property accessor reads map keys.
 */
public final class Conditions {
    /** The longest expression accepted, in characters. */
    public static final int MAX_LENGTH = 1000;

    private static final int CACHE_SIZE = 1024;
    private static final SpelExpressionParser PARSER = new SpelExpressionParser();
    private static final Map<String, SpelExpression> CACHE = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, SpelExpression> eldest) {
                    return size() > CACHE_SIZE;
                }
            });

    private Conditions() {
    }

    /** Throws {@link ConditionException} unless the expression parses, fits the length limit and is safe. */
    public static void check(String expression) {
        parse(expression);
    }

    /**
     * The field names the expression reads at top level (e.g. {@code days} in {@code days > 3}, but not
     * {@code b} in {@code a.b}), in order of appearance.
     */
    public static Set<String> referencedFields(String expression) {
        Set<String> names = new LinkedHashSet<>();
        collectFields(parse(expression).getAST(), true, names);
        return Collections.unmodifiableSet(names);
    }

    /**
     * Whether the expression holds for these values. Missing fields read as {@code null}. Only a {@code Boolean}
     * {@code true} result counts; anything else — {@code false}, {@code null}, a non-boolean, an evaluation error
     * or an invalid expression — is {@code false}. Never throws.
     */
    public static boolean evaluate(String expression, Map<String, Object> values) {
        try {
            SpelExpression parsed = parse(expression);
            Map<String, Object> root = new HashMap<>(values == null ? Map.of() : values);
            collectFields(parsed.getAST(), true, name -> root.putIfAbsent(name, null));
            SimpleEvaluationContext context = SimpleEvaluationContext
                    .forPropertyAccessors(new MapAccessor(false))
                    .withAssignmentDisabled()
                    .withRootObject(root)
                    .build();
            return Boolean.TRUE.equals(parsed.getValue(context));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Visits every node of a parsed expression's tree, depth first. */
    public static void walk(SpelNode node, Consumer<SpelNode> visitor) {
        visitor.accept(node);
        for (int i = 0; i < node.getChildCount(); i++) {
            walk(node.getChild(i), visitor);
        }
    }

    /** Parses and checks, from the cache when possible; the definition's checks read the tree. */
    public static SpelExpression parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new ConditionException("The condition is empty");
        }
        if (expression.length() > MAX_LENGTH) {
            throw new ConditionException("The condition is " + expression.length()
                    + " characters long; at most " + MAX_LENGTH + " are allowed");
        }
        SpelExpression cached = CACHE.get(expression);
        if (cached != null) {
            return cached;
        }
        SpelExpression parsed;
        try {
            parsed = PARSER.parseRaw(expression);
        } catch (RuntimeException e) {
            throw new ConditionException("The condition '" + expression + "' does not parse: " + e.getMessage(), e);
        }
        walk(parsed.getAST(), node -> {
            String forbidden = forbidden(node);
            if (forbidden != null) {
                throw new ConditionException("The condition '" + expression + "' uses " + forbidden
                        + ", which conditions may not use");
            }
        });
        CACHE.put(expression, parsed);
        return parsed;
    }

    private static String forbidden(SpelNode node) {
        if (node instanceof TypeReference || node instanceof QualifiedIdentifier) {
            return "a type reference (T(...))";
        } else if (node instanceof ConstructorReference) {
            return "a constructor call (new)";
        } else if (node instanceof BeanReference) {
            return "a bean reference (@...)";
        } else if (node instanceof MethodReference) {
            return "a method call";
        } else if (node instanceof FunctionReference) {
            return "a function call";
        } else if (node instanceof VariableReference) {
            return "a variable (#...)";
        } else if (node instanceof Assign || node instanceof OpInc || node instanceof OpDec) {
            return "an assignment";
        } else if (node instanceof Projection) {
            return "a projection (.![...])";
        } else if (node instanceof Selection) {
            return "a selection (.?[...])";
        } else if (node instanceof OperatorMatches) {
            return "the matches operator";
        } else if (node instanceof OperatorPower) {
            return "the power operator (^)";
        }
        return null;
    }

    private static void collectFields(SpelNode node, boolean topLevel, Set<String> names) {
        collectFields(node, topLevel, (Consumer<String>) names::add);
    }

    private static void collectFields(SpelNode node, boolean topLevel, Consumer<String> names) {
        if (node instanceof PropertyOrFieldReference ref) {
            if (topLevel) {
                names.accept(ref.getName());
            }
            return;
        }
        if (node instanceof CompoundExpression) {
            // a.b[c]: only the first step reads the root; later steps read the previous step's value
            if (node.getChildCount() > 0) {
                collectFields(node.getChild(0), topLevel, names);
            }
            for (int i = 1; i < node.getChildCount(); i++) {
                collectFields(node.getChild(i), false, names);
            }
            return;
        }
        for (int i = 0; i < node.getChildCount(); i++) {
            collectFields(node.getChild(i), topLevel, names);
        }
    }
}
