package dev.baton.engine.validation;

import dev.baton.api.workflow.FieldDef;
import dev.baton.api.workflow.FieldType;
import dev.baton.engine.ConditionException;
import dev.baton.engine.Conditions;
import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.ast.FloatLiteral;
import org.springframework.expression.spel.ast.IntLiteral;
import org.springframework.expression.spel.ast.LongLiteral;
import org.springframework.expression.spel.ast.OpEQ;
import org.springframework.expression.spel.ast.OpGE;
import org.springframework.expression.spel.ast.OpGT;
import org.springframework.expression.spel.ast.OpLE;
import org.springframework.expression.spel.ast.OpLT;
import org.springframework.expression.spel.ast.OpMinus;
import org.springframework.expression.spel.ast.OpNE;
import org.springframework.expression.spel.ast.OpPlus;
import org.springframework.expression.spel.ast.PropertyOrFieldReference;
import org.springframework.expression.spel.ast.RealLiteral;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

import static dev.baton.engine.validation.Keys.isBlank;

/**
 * A route's condition: present, safe ({@link Conditions#check}), naming known fields, and comparing with numbers only
 * fields that hold numbers.
 */
public final class ConditionChecks {
    private static final Set<FieldType> NUMBERS = EnumSet.of(FieldType.INTEGER, FieldType.DECIMAL);

    private ConditionChecks() {
    }

    static void route(Draft draft, String where, String condition) {
        if (isBlank(condition)) {
            draft.problem(where + " has a route with no condition");
            return;
        }
        SpelNode ast;
        try {
            ast = Conditions.parse(condition).getAST();
        } catch (ConditionException e) {
            draft.problem(where + " has an invalid condition: " + e.getMessage());
            return;
        }
        for (String name : Conditions.referencedFields(condition)) {
            if (!draft.knowsField(name)) {
                draft.problem(where + " has condition '" + condition + "' referencing unknown field '" + name + "'");
            }
        }
        Set<String> reported = new LinkedHashSet<>();
        Conditions.walk(ast, node -> {
            if (isComparison(node) && node.getChildCount() == 2) {
                comparedWithNumber(draft, node.getChild(0), node.getChild(1), reported);
                comparedWithNumber(draft, node.getChild(1), node.getChild(0), reported);
            }
        });
        for (String name : reported) {
            draft.problem(where + " has condition '" + condition + "' comparing field '" + name + "' ("
                    + draft.field(name).type() + ") with a number; only INTEGER and DECIMAL fields compare with "
                    + "numbers");
        }
    }

    private static void comparedWithNumber(Draft draft, SpelNode field, SpelNode other, Set<String> reported) {
        if (field instanceof PropertyOrFieldReference ref && isNumberLiteral(other)) {
            FieldDef def = draft.field(ref.getName());
            if (def != null && def.type() != null && !NUMBERS.contains(def.type())) {
                reported.add(ref.getName());
            }
        }
    }

    private static boolean isComparison(SpelNode node) {
        return node instanceof OpGT || node instanceof OpLT || node instanceof OpGE || node instanceof OpLE
                || node instanceof OpEQ || node instanceof OpNE;
    }

    private static boolean isNumberLiteral(SpelNode node) {
        if (node instanceof IntLiteral || node instanceof LongLiteral || node instanceof RealLiteral
                || node instanceof FloatLiteral) {
            return true;
        }
        // a signed literal, e.g. -3
        return (node instanceof OpMinus || node instanceof OpPlus) && node.getChildCount() == 1
                && isNumberLiteral(node.getChild(0));
    }
}
