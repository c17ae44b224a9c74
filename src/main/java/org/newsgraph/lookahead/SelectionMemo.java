package org.newsgraph.lookahead;

import graphql.GraphQLContext;
import graphql.execution.MergedField;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Per request, remembers what a field's selection set asks for, so that the 20 {@code statements}
 * connections of a 20-actor page (the same field of the same document, executed once per actor) analyse
 * it once instead of 20 times: graphql-java builds the normalized selection set of each field execution
 * anew, which was a tenth of the server's CPU on the deep traversal.
 *
 * <p>The key is the field's AST nodes ({@link MergedField} compares them by identity) and the parent type (the schema's instance):
 * within one request, the same nodes under the same type have the same selection (the variables that
 * {@code @include}/{@code @skip} read are the request's).
 */
public final class SelectionMemo {

    private static final String KEY = SelectionMemo.class.getName();
    private static final Object NULL = new Object();

    private record Key(String what, MergedField field, GraphQLType parentType) {}

    private final Map<Key, Object> values = new ConcurrentHashMap<>();

    private SelectionMemo() {}

    /**
     * What {@code analysis} answers for this field execution, computed once per request for each
     * {@code what} (a name for the analysis), field and parent type; the answer may be null.
     */
    @SuppressWarnings("unchecked")
    public static <T> T get(DataFetchingEnvironment env, String what, Function<DataFetchingEnvironment, T> analysis) {
        GraphQLContext context = env.getGraphQlContext();
        MergedField field = env.getMergedField();
        if (context == null || field == null) {
            return analysis.apply(env);
        }
        SelectionMemo memo = context.computeIfAbsent(KEY, key -> new SelectionMemo());
        var key = new Key(what, field, env.getParentType());
        Object value = memo.values.get(key);
        if (value == null) {
            T computed = analysis.apply(env);
            memo.values.putIfAbsent(key, (computed != null) ? computed : NULL);
            return computed;
        }
        return (value == NULL) ? null : (T) value;
    }
}
