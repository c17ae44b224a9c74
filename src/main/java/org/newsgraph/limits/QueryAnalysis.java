package org.newsgraph.limits;

import graphql.introspection.Introspection;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.newsgraph.error.ErrorCode;
import org.newsgraph.relay.PageRequest;

/**
 * Measures a parsed document against the {@link LimitsProperties} before it is validated or executed:
 * aliases, fields and directives as written; depth and cost with fragments expanded (each fragment
 * measured once, so a "fragment bomb" costs linear time to measure); {@code nodes(ids:)} sizes.
 * Page sizes count towards cost as {@link PageRequest} will apply them (default and cap); refusing
 * a negative or too large {@code first}/{@code last} is PageRequest's job, per field. Cycles of fragments are skipped here (validation rejects them).
 * Works on any schema: list and connection fields are recognised from their types and arguments. The limits on
 * the document as written are {@link WrittenLimits}'; argument values come from {@link ArgumentValues}.
 */
final class QueryAnalysis {

    /** Fragment spreads and inline fragments count towards this guard, so recursion stays shallow. */
    private static final int NESTING_GUARD_FACTOR = 4;

    private final LimitsProperties limits;
    private final GraphQLSchema schema;
    private final ArgumentValues values;
    private final Map<String, FieldCost> fieldCosts;
    private final Map<String, FragmentDefinition> fragments = new HashMap<>();
    private final Map<String, Measure> fragmentMeasures = new HashMap<>();
    private final Set<String> fragmentsInProgress = new HashSet<>();

    private QueryAnalysis(
            LimitsProperties limits,
            GraphQLSchema schema,
            Document document,
            ArgumentValues values,
            Map<String, FieldCost> fieldCosts) {
        this.limits = limits;
        this.schema = schema;
        this.values = values;
        this.fieldCosts = fieldCosts;
        for (var definition : document.getDefinitionsOfType(FragmentDefinition.class)) {
            fragments.putIfAbsent(definition.getName(), definition);
        }
    }

    /** The first limit the document breaks, or null when it is within all of them. */
    static LimitViolation check(
            LimitsProperties limits,
            GraphQLSchema schema,
            Document document,
            String operationName,
            Map<String, Object> variables) {
        return check(limits, Map.of(), schema, document, operationName, variables);
    }

    /** The same, with the cost functions of fields that price their work ({@code Type.field} to its function). */
    static LimitViolation check(
            LimitsProperties limits,
            Map<String, FieldCost> fieldCosts,
            GraphQLSchema schema,
            Document document,
            String operationName,
            Map<String, Object> variables) {
        return analyse(limits, fieldCosts, schema, document, operationName, variables)
                .violation();
    }

    /**
     * What the request is: the limit it breaks (or null), its cost, and whether it runs a full-text or
     * fuzzy search (expensive in the database whatever its cost).
     */
    record Result(LimitViolation violation, long cost, boolean searches) {}

    static Result analyse(
            LimitsProperties limits,
            Map<String, FieldCost> fieldCosts,
            GraphQLSchema schema,
            Document document,
            String operationName,
            Map<String, Object> variables) {
        var values = new ArgumentValues(variables);
        var violation = WrittenLimits.check(limits, document, values);
        if (violation == null) violation = InputBounds.check(limits, document, operationName, variables);
        if (violation == null) violation = WrittenLimits.checkArguments(limits, document, values);
        if (violation != null) return new Result(violation, 0, false);
        var analysis = new QueryAnalysis(limits, schema, document, values, fieldCosts);
        long cost = 0;
        for (var operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            if (operationName != null && !operationName.equals(operation.getName())) {
                continue;
            }
            var measure = analysis.measure(operation.getSelectionSet(), rootType(schema, operation), 0);
            violation = analysis.violation(measure);
            if (violation != null) return new Result(violation, 0, false);
            cost = Math.max(cost, measure.cost);
        }
        return new Result(null, cost, Searches.in(document, variables));
    }

    /** The depth or cost limit an operation's measure breaks, or null. */
    private LimitViolation violation(Measure measure) {
        if (measure.depth > limits.maxDepth() || measure.tooDeepToFollow) {
            var depth = measure.tooDeepToFollow ? "more than " + limits.maxDepth() : String.valueOf(measure.depth);
            return new LimitViolation(
                    ErrorCode.QUERY_TOO_DEEP,
                    "The query is nested " + depth + " levels deep; at most " + limits.maxDepth() + " are allowed",
                    limits.maxDepth(),
                    measure.tooDeepToFollow ? null : (long) measure.depth);
        }
        if (measure.cost > limits.maxComplexity()) {
            return new LimitViolation(
                    ErrorCode.QUERY_TOO_COMPLEX,
                    "The query could return up to " + measure.cost
                            + " fields (lists count by their first/last, default " + PageRequest.DEFAULT_SIZE
                            + "); at most " + limits.maxComplexity()
                            + " are allowed; ask for smaller pages or fewer nested lists",
                    limits.maxComplexity(),
                    measure.cost);
        }
        return null;
    }

    private static GraphQLCompositeType rootType(GraphQLSchema schema, OperationDefinition operation) {
        if (schema == null) return null;
        return switch (operation.getOperation()) {
            case MUTATION -> schema.getMutationType();
            case SUBSCRIPTION -> schema.getSubscriptionType();
            default -> schema.getQueryType();
        };
    }

    /** Depth (fields below, this level included) and cost (result fields it can produce) of a selection set. */
    private static final class Measure {
        int depth;
        long cost;
        boolean tooDeepToFollow;

        void add(Measure child, int depthOffset, long multiplier) {
            depth = Math.max(depth, child.depth + depthOffset);
            cost = saturatedAdd(cost, saturatedMultiply(child.cost, multiplier));
            tooDeepToFollow |= child.tooDeepToFollow;
        }
    }

    private Measure measure(SelectionSet selectionSet, GraphQLCompositeType parentType, int nesting) {
        var measure = new Measure();
        if (selectionSet == null) return measure;
        if (nesting > limits.maxDepth() * NESTING_GUARD_FACTOR) {
            measure.tooDeepToFollow = true;
            return measure;
        }
        for (Selection<?> selection : selectionSet.getSelections()) {
            if (measure.tooDeepToFollow) break;
            if (selection instanceof Field field) {
                var definition = fieldDefinition(parentType, field.getName());
                var type = definition == null ? null : definition.getType();
                var childType = type == null
                        ? null
                        : GraphQLTypeUtil.unwrapAll(type) instanceof GraphQLCompositeType composite ? composite : null;
                var fieldMeasure = new Measure();
                fieldMeasure.depth = 1;
                fieldMeasure.cost = cost(parentType, field, definition);
                var children = measure(field.getSelectionSet(), childType, nesting + 1);
                fieldMeasure.add(children, 1, multiplier(field, definition, type, parentType));
                measure.add(fieldMeasure, 0, 1);
            } else if (selection instanceof InlineFragment inline) {
                var type = inline.getTypeCondition() == null
                        ? parentType
                        : compositeType(inline.getTypeCondition().getName());
                measure.add(measure(inline.getSelectionSet(), type, nesting + 1), 0, 1);
            } else if (selection instanceof FragmentSpread spread) {
                measure.add(fragment(spread.getName(), nesting), 0, 1);
            }
        }
        return measure;
    }

    private Measure fragment(String name, int nesting) {
        var cached = fragmentMeasures.get(name);
        if (cached != null) return cached;
        var definition = fragments.get(name);
        if (definition == null || !fragmentsInProgress.add(name)) {
            return new Measure(); // unknown or cyclic: validation reports it
        }
        var measure = measure(
                definition.getSelectionSet(),
                compositeType(definition.getTypeCondition().getName()),
                nesting + 1);
        fragmentsInProgress.remove(name);
        if (!measure.tooDeepToFollow) fragmentMeasures.put(name, measure);
        return measure;
    }

    /**
     * How many times a field's sub-selection can repeat: a list or connection counts by its page
     * size; the {@code edges}/{@code nodes} list inside a connection was already counted by the
     * connection field; introspection lists count once (depth and graphql-java's good-faith
     * introspection check bound them).
     */
    private long multiplier(
            Field field, GraphQLFieldDefinition definition, GraphQLType type, GraphQLCompositeType parentType) {
        if (definition == null || field.getName().startsWith("__")) return 1;
        if (parentType != null && parentType.getName().startsWith("__")) return 1;
        if (parentType != null && isConnectionPart(parentType.getName())) return 1;
        for (var argument : field.getArguments()) {
            if (argument.getName().equals("first") || argument.getName().equals("last")) {
                Long size = values.intValue(argument.getValue());
                return size == null ? PageRequest.DEFAULT_SIZE : Math.max(0, Math.min(size, PageRequest.MAX_SIZE));
            }
            if (argument.getName().equals("ids")) {
                Long size = values.listSize(argument.getValue());
                if (size != null) return size;
            }
        }
        boolean paginated = definition.getArgument("first") != null || definition.getArgument("last") != null;
        var named = GraphQLTypeUtil.unwrapAll(type);
        if (paginated || isConnectionPart(named.getName())) return PageRequest.DEFAULT_SIZE;
        if (GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(type))) return limits.assumedListSize();
        return 1;
    }

    /**
     * What one value of a field costs: its {@link FieldCost} from its arguments, else its
     * {@code @cost(weight:)} in the schema, else {@code newsgraph.limits.field-costs["Type.field"]}, else 1.
     */
    private long cost(GraphQLCompositeType parentType, Field field, GraphQLFieldDefinition definition) {
        String fieldName = field.getName();
        if (parentType != null && definition != null) {
            FieldCost function = fieldCosts.get(parentType.getName() + "." + fieldName);
            if (function != null) {
                var arguments = new HashMap<String, Object>();
                for (var argument : field.getArguments()) {
                    Object value = values.value(argument.getValue());
                    if (value != null) arguments.put(argument.getName(), value);
                }
                return Math.max(0, function.cost(arguments));
            }
        }
        if (definition != null) {
            var directive = definition.getAppliedDirective("cost");
            if (directive != null && directive.getArgument("weight") != null) {
                Object weight = directive.getArgument("weight").getValue();
                if (weight instanceof Number number) return Math.max(0, number.longValue());
            }
        }
        if (parentType == null) return 1;
        Integer configured = limits.fieldCosts().get(parentType.getName() + "." + fieldName);
        return (configured == null) ? 1 : Math.max(0, configured);
    }

    private static boolean isConnectionPart(String typeName) {
        return typeName.endsWith("Connection");
    }

    private GraphQLFieldDefinition fieldDefinition(GraphQLCompositeType parentType, String name) {
        if (schema == null || parentType == null) return null;
        try {
            return Introspection.getFieldDef(schema, parentType, name);
        } catch (RuntimeException unknownField) {
            return null; // validation reports it
        }
    }

    private GraphQLCompositeType compositeType(String name) {
        if (schema == null) return null;
        return schema.getType(name) instanceof GraphQLCompositeType composite ? composite : null;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long saturatedMultiply(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }
}
