package org.newsgraph.limits;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.Node;
import graphql.language.NodeTraverser;
import graphql.language.NodeVisitorStub;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.VariableReference;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a request runs a full-text or fuzzy search: the {@code search} field, or a {@code text} or
 * {@code search} filter given a value (as a literal or through a variable). Such a query can keep a
 * database connection busy whatever its cost in fields, so the {@link Bulkhead} counts it as expensive.
 * It errs on the side of "yes" (a variable named like a filter counts).
 */
final class Searches {

    private static final Set<String> SEARCH_FILTERS = Set.of("text", "search");

    private Searches() {}

    static boolean in(Document document, Map<String, Object> variables) {
        boolean[] found = new boolean[1];
        new NodeTraverser()
                .preOrder(
                        new NodeVisitorStub() {
                            @Override
                            public TraversalControl visitField(Field node, TraverserContext<Node> context) {
                                if (node.getName().equals("search")) found[0] = true;
                                return found[0] ? TraversalControl.QUIT : TraversalControl.CONTINUE;
                            }

                            @Override
                            public TraversalControl visitObjectField(ObjectField node, TraverserContext<Node> context) {
                                if (SEARCH_FILTERS.contains(node.getName())
                                        && !(node.getValue() instanceof NullValue)
                                        && !(node.getValue() instanceof VariableReference ref
                                                && variables != null
                                                && variables.get(ref.getName()) == null)) {
                                    found[0] = true;
                                }
                                return found[0] ? TraversalControl.QUIT : TraversalControl.CONTINUE;
                            }
                        },
                        document);
        return found[0] || (variables != null && inVariables(variables, 0));
    }

    private static boolean inVariables(Object value, int depth) {
        if (depth > 16) return false;
        if (value instanceof Map<?, ?> map) {
            for (var entry : map.entrySet()) {
                if (depth > 0
                        && SEARCH_FILTERS.contains(String.valueOf(entry.getKey()))
                        && entry.getValue() instanceof String text
                        && !text.isBlank()) {
                    return true;
                }
                if (inVariables(entry.getValue(), depth + 1)) return true;
            }
        } else if (value instanceof List<?> list) {
            for (Object item : list) if (inVariables(item, depth + 1)) return true;
        }
        return false;
    }
}
