package org.newsgraph.limits;

import graphql.language.Document;
import graphql.language.Node;
import graphql.language.NodeTraverser;
import graphql.language.NodeVisitorStub;
import graphql.language.OperationDefinition;
import graphql.language.StringValue;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import java.util.List;
import java.util.Map;
import org.newsgraph.error.ErrorCode;
import org.newsgraph.input.Text;

/**
 * Bounds every string, list and object a request brings, in its variables and in the literals of its
 * document, before anything validates or executes it:
 * <ul>
 * <li>a string in a query is at most {@code max-argument-length} characters, in a mutation at most
 * {@code max-input-string-length} (the document validator then bounds each field of the input);</li>
 * <li>no string holds U+0000 or a lone UTF-16 surrogate (JSON's {@code "\ud800"}): PostgreSQL text can
 * hold neither, and the driver would store the surrogate as {@code ?};</li>
 * <li>the variables nest at most {@code max-input-depth} deep and hold at most {@code max-input-values}
 * values, unused variables included.</li>
 * </ul>
 */
final class InputBounds {

    private final long maxString;
    private final LimitsProperties limits;
    private long values;

    private InputBounds(LimitsProperties limits, boolean mutation) {
        this.limits = limits;
        this.maxString = mutation ? limits.maxInputStringLength() : limits.maxArgumentLength();
    }

    /** The first bound the request breaks, or null. */
    static LimitViolation check(
            LimitsProperties limits, Document document, String operationName, Map<String, Object> variables) {
        var bounds = new InputBounds(limits, selectsMutation(document, operationName));
        if (variables != null) {
            for (var entry : variables.entrySet()) {
                var problem = bounds.value("$" + entry.getKey(), entry.getValue(), 1);
                if (problem != null) return problem;
            }
        }
        return bounds.literals(document);
    }

    private static boolean selectsMutation(Document document, String operationName) {
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        for (var operation : operations) {
            boolean selected =
                    (operationName == null) ? operations.size() == 1 : operationName.equals(operation.getName());
            if (selected) return operation.getOperation() == OperationDefinition.Operation.MUTATION;
        }
        return false;
    }

    private LimitViolation value(String path, Object value, int depth) {
        if (++values > limits.maxInputValues()) {
            return new LimitViolation(
                    ErrorCode.VARIABLES_TOO_LARGE,
                    "The variables hold more than " + limits.maxInputValues() + " values",
                    limits.maxInputValues(),
                    null);
        }
        if (depth > limits.maxInputDepth()) {
            return new LimitViolation(
                    ErrorCode.VARIABLES_TOO_LARGE,
                    "The variables nest deeper than " + limits.maxInputDepth() + " levels (at " + path + ")",
                    limits.maxInputDepth(),
                    null);
        }
        if (value instanceof String string) return string(path, string);
        if (value instanceof Map<?, ?> map) {
            for (var entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                var problem = string(path + " (a key)", key);
                if (problem == null) problem = value(path + "." + key, entry.getValue(), depth + 1);
                if (problem != null) return problem;
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                var problem = value(path + "[" + i + "]", list.get(i), depth + 1);
                if (problem != null) return problem;
            }
        }
        return null;
    }

    private LimitViolation string(String where, String string) {
        if (string.length() > maxString) {
            return new LimitViolation(
                    ErrorCode.ARGUMENT_TOO_LONG,
                    "The string at " + where + " is " + string.length() + " characters long; at most " + maxString
                            + " are allowed here",
                    maxString,
                    (long) string.length());
        }
        String bad = unstorable(string);
        if (bad != null) {
            return new LimitViolation(
                    ErrorCode.INVALID_CHARACTERS,
                    "The string at " + where + " contains " + bad + ", which no text in NewsGraph can hold; remove it",
                    0,
                    null);
        }
        return null;
    }

    private LimitViolation literals(Document document) {
        LimitViolation[] found = new LimitViolation[1];
        new NodeTraverser()
                .preOrder(
                        new NodeVisitorStub() {
                            @Override
                            public TraversalControl visitStringValue(StringValue node, TraverserContext<Node> context) {
                                var location = node.getSourceLocation();
                                String where = (location == null)
                                        ? "a string literal"
                                        : "line " + location.getLine() + ", column " + location.getColumn();
                                found[0] = (node.getValue() == null) ? null : string(where, node.getValue());
                                return (found[0] == null) ? TraversalControl.CONTINUE : TraversalControl.QUIT;
                            }
                        },
                        document);
        return found[0];
    }

    /** What makes the text unstorable (a NUL, a lone surrogate), or null when it is fine. */
    static String unstorable(String text) {
        if (text.indexOf('\u0000') >= 0) return "the NUL character (U+0000)";
        if (Text.hasLoneSurrogate(text)) return "a lone UTF-16 surrogate (half of a character)";
        return null;
    }
}
