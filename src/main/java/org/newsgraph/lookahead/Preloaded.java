package org.newsgraph.lookahead;

import graphql.GraphQLContext;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Values of fields fetched ahead of time for one request ("lookahead"): when a loader sees that the
 * selection set asks for a subtree, it fetches it with its own rows and records here, per source object
 * (by identity) and field name, what the field resolves to. {@link PreloadedFieldsConfiguration} makes
 * those fields answer the recorded value directly instead of going through their controller method.
 * One instance per request, kept in the {@link GraphQLContext}; thread-safe.
 */
public final class Preloaded {

    private static final String KEY = Preloaded.class.getName();

    /** What {@link #get} answers for a field that was not preloaded for this source. */
    public static final Object MISSING = new Object();

    private final Map<Object, Map<String, Object>> values = new IdentityHashMap<>();

    private Preloaded() {}

    /** The store of the request that owns this context (created on first use). */
    public static Preloaded of(GraphQLContext context) {
        return context.computeIfAbsent(KEY, key -> new Preloaded());
    }

    /** The store of the request, or null if nothing was preloaded. */
    static Preloaded find(GraphQLContext context) {
        return context.get(KEY);
    }

    /** Records that {@code field} of {@code source} resolves to {@code value} (which may be null). */
    public synchronized void put(Object source, String field, Object value) {
        values.computeIfAbsent(source, s -> new HashMap<>(4)).put(field, value);
    }

    /** The preloaded value of {@code field} of {@code source}, or {@link #MISSING}. */
    public synchronized Object get(Object source, String field) {
        Map<String, Object> fields = values.get(source);
        if (fields == null) {
            return MISSING;
        }
        return fields.getOrDefault(field, MISSING);
    }
}
